/**
 * Views: the dispatch part of the explored states (the VIEW of dispatchExplorer.ts without the
 * monitors' ghosts), numbered as (configuration, shape) (shapes.ts).
 *
 * From two states with the same view every answer leads to the same next view through the same
 * calls: the same observations for the monitors. A view's successors are its shape's record under
 * its configuration's plan class (the explorer steps the shape if no configuration of that class
 * did), each next shape standing for the view of that shape in the same configuration; every state
 * with the view only steps its monitors (table look-ups) along the recorded observations.
 */
import { grown, markGrowable } from '../engine/growable.js';
import { reserve } from '../engine/memoryBudget.js';
import type { ShapeTable } from './shapes.js';

const EMPTY = new Int32Array(0);

export class ViewGraph {
  /** Per configuration: shape → view id + 1 (0: none yet). */
  private readonly byShape: Int32Array[] = [];
  // Small at first, so that they grow while the code is warming up (see intKeySet.ts).
  private configs = new Int32Array(16);
  private shapes = new Int32Array(16);
  private final = new Uint8Array(16);
  /** Per view: where its shape's record starts (`ShapeTable.successors`), or -1 until it is found. */
  private starts = new Int32Array(16);
  size = 0;

  constructor(
    configurations: number,
    private readonly shapeTable: ShapeTable,
  ) {
    for (let c = 0; c < configurations; c++) this.byShape.push(EMPTY);
    markGrowable(this, 'configs', 'shapes', 'final', 'starts');
  }

  /** The view of shape `shape` in configuration `config`, numbered. */
  intern(config: number, shape: number): number {
    let row = this.byShape[config];
    if (shape < row.length && row[shape] !== 0) return row[shape] - 1;
    if (shape >= row.length) {
      const length = Math.max(16, row.length * 2, shape + 1);
      reserve(length * 4);
      const bigger = new Int32Array(length);
      bigger.set(row);
      this.byShape[config] = row = bigger;
    }
    const id = this.size++;
    if (id === this.configs.length) this.grow();
    this.configs[id] = config;
    this.shapes[id] = shape;
    this.final[id] = this.shapeTable.isFinal(shape) ? 1 : 0;
    this.starts[id] = -1;
    row[shape] = id + 1;
    return id;
  }

  private grow(): void {
    const n = grown(this.configs.length);
    reserve(n * 13);
    const configs = new Int32Array(n);
    configs.set(this.configs);
    const shapes = new Int32Array(n);
    shapes.set(this.shapes);
    const final = new Uint8Array(n);
    final.set(this.final);
    const starts = new Int32Array(n);
    starts.set(this.starts);
    [this.configs, this.shapes, this.final, this.starts] = [configs, shapes, final, starts];
  }

  /** Bytes held by the tables. */
  bytes(): number {
    let bytes = this.configs.byteLength + this.shapes.byteLength + this.final.byteLength + this.starts.byteLength;
    for (const row of this.byShape) bytes += row.byteLength;
    return bytes;
  }

  config(view: number): number {
    return this.configs[view];
  }

  shape(view: number): number {
    return this.shapes[view];
  }

  isFinal(view: number): boolean {
    return this.final[view] === 1;
  }

  /** Where the view's successors (its shape's record) start, or -1 if not found yet. */
  successorsOf(view: number): number {
    return this.starts[view];
  }

  setSuccessors(view: number, at: number): void {
    this.starts[view] = at;
  }
}

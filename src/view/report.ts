/** `devinst report`: the viewer's page, its script, stylesheet and data in one HTML file. */
import { pageAssets } from './assets.js';
import { reportHtml } from './html.js';
import type { ViewModel } from './model.js';

export async function buildReport(models: readonly ViewModel[]): Promise<string> {
  const title = models.length > 1 ? `${models.map((m) => m.profile).join(' vs ')}: ${models[0].title}` : models[0].title;
  return reportHtml(title, await pageAssets(), { models });
}

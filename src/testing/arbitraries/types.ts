/**
 * The plain-JSON scenario documents the arbitraries generate (a structural subset of the scenario
 * file format, docs/scenario.schema.json): what fast-check shows when it reports a counterexample.
 */
export type DocProfile = 'windows' | 'reactos' | 'wine';
export type DocCode = string | number;
export type DocJson = null | boolean | number | string | DocJson[] | { [key: string]: DocJson };

export interface DocCoBehaviour {
  readonly pre?: DocCode | readonly DocCode[];
  readonly privateData?: DocJson;
  readonly post?: 'propagate' | DocCode;
}

export interface DocClassBehaviour {
  readonly returns?: DocCode | readonly DocCode[];
}

export interface DocInstaller<B> {
  readonly name: string;
  readonly on?: { readonly [difOrStar: string]: B };
}

export interface ScenarioDoc {
  readonly device?: { readonly description?: string; readonly hardwareId?: string; readonly classGuid?: string; readonly className?: string };
  readonly profile?: DocProfile;
  readonly os?: 'vista' | 'win7' | 'win8' | 'win10' | 'win11';
  readonly flags?: readonly string[];
  readonly flagsEx?: readonly string[];
  readonly classCoInstallers?: readonly DocInstaller<DocCoBehaviour>[];
  readonly deviceCoInstallers?: readonly DocInstaller<DocCoBehaviour>[];
  readonly classInstaller?: DocInstaller<DocClassBehaviour> | null;
  readonly defaultHandlers?: { readonly [dif: string]: DocCode };
  readonly [other: string]: unknown;
}

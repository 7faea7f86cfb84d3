// Typed views of the three kinds istio-canary reads field by field: Deployment, VirtualService
// and DestinationRule. Each view says what is read and gives it a type, so no module walks
// `isObject(x) ? x : {}` chains of its own. A view never throws: a field of the wrong type reads
// as absent (null, empty), and validation (src/kube/manifest-check.ts) names it before anything
// is written. The mappings a view hands out (`raw`, `template`, containers) are the object's
// own, so a view over a copy can be used to change that copy.
import type { KubeObject } from './client.js';
import { isObject } from '../util/object.js';

type Json = Record<string, unknown>;

/** The networking.istio.io versions an Istio kind may be served in, newest first. */
export const ISTIO_VERSIONS = [
  'networking.istio.io/v1',
  'networking.istio.io/v1beta1',
  'networking.istio.io/v1alpha3',
];

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const mapping = (v: unknown): Json | null => (isObject(v) ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export interface ContainerView {
  /** '' when missing or not a string. */
  name: string;
  /** '' when missing or not a string. */
  image: string;
  /** The container mapping itself. */
  raw: Json;
}

export interface DeploymentView {
  name: string | null;
  /** spec.replicas as written (validation checks it is a number >= 0); undefined when absent. */
  replicas: unknown;
  /** spec.selector.matchLabels, when a mapping. */
  matchLabels: Json | null;
  /** spec.template, when a mapping. */
  template: Json | null;
  /** spec.template.metadata.labels (the labels a subset selects pods by). */
  podLabels: Record<string, string>;
  /** spec.template.metadata.annotations. */
  podAnnotations: Json;
  /** spec.template.spec, when a mapping. */
  podSpec: Json | null;
  /** spec.template.spec.containers as written (entries of any type, for validation by index). */
  containerEntries: unknown[];
  /** The regular containers that are mappings (never initContainers or ephemeral ones), in order. */
  containers: ContainerView[];
}

/** What istio-canary reads of a Deployment (or of any object with a pod template). */
export function deploymentView(deployment: KubeObject | null | undefined): DeploymentView {
  const spec = mapping(deployment?.spec) ?? {};
  const template = mapping(spec.template);
  const meta = mapping(template?.metadata) ?? {};
  const podSpec = mapping(template?.spec);
  const containerEntries = Array.isArray(podSpec?.containers) ? (podSpec.containers as unknown[]) : [];
  const selector = mapping(spec.selector);
  return {
    name: str(deployment?.metadata?.name),
    replicas: spec.replicas,
    matchLabels: mapping(selector?.matchLabels),
    template,
    podLabels: (mapping(meta.labels) ?? {}) as Record<string, string>,
    podAnnotations: mapping(meta.annotations) ?? {},
    podSpec,
    containerEntries,
    containers: containerEntries.filter(isObject).map((c) => ({
      name: typeof c.name === 'string' ? c.name : '',
      image: typeof c.image === 'string' ? c.image : '',
      raw: c,
    })),
  };
}

export interface DestinationView {
  host: string | null;
  subset: string | null;
  /** `destination.name`: the v1alpha3 shape of 2018 (validation refuses it). */
  legacyName: string | null;
  /** The weight when it is a number; null when absent (or not a number: validation refuses that). */
  weight: number | null;
  /** The route entry ({destination, weight, headers}). */
  raw: Json;
  /** Its destination mapping, when there is one. */
  destination: Json | null;
}

export interface HttpRouteView {
  name: string | null;
  /** The http[] entry itself. */
  raw: Json;
  destinations: DestinationView[];
}

export interface VirtualServiceView {
  name: string | null;
  namespace: string | null;
  hosts: string[];
  gateways: string[];
  /** spec.http entries that are mappings, in order (indices as the promotion counts them). */
  http: HttpRouteView[];
  /** spec, when a mapping. */
  spec: Json | null;
}

/** The weighted destinations of one route entry (http[], tcp[] or tls[]). */
export function destinationsOf(route: Json): DestinationView[] {
  return (Array.isArray(route.route) ? (route.route as unknown[]) : []).filter(isObject).map((raw) => {
    const destination = mapping(raw.destination);
    return {
      host: str(destination?.host),
      subset: str(destination?.subset),
      legacyName: str(destination?.name),
      weight: typeof raw.weight === 'number' ? raw.weight : null,
      raw,
      destination,
    };
  });
}

/** What istio-canary reads of a VirtualService: hosts, gateways, http routes and their weighted destinations. */
export function virtualServiceView(vs: KubeObject | Json | null | undefined): VirtualServiceView {
  const meta = mapping(vs?.metadata) ?? {};
  const spec = mapping(vs?.spec);
  return {
    name: str(meta.name),
    namespace: str(meta.namespace),
    hosts: strings(spec?.hosts),
    gateways: strings(spec?.gateways),
    http: (Array.isArray(spec?.http) ? (spec.http as unknown[]) : []).filter(isObject).map((raw) => ({
      name: str(raw.name),
      raw,
      destinations: destinationsOf(raw),
    })),
    spec,
  };
}

export interface SubsetView {
  name: string;
  /** The subset's labels; null when it has none (a subset must select pods by labels). */
  labels: Record<string, string> | null;
}

export interface DestinationRuleView {
  name: string | null;
  host: string | null;
  /** Subsets that have a name, in order. */
  subsets: SubsetView[];
}

/** What istio-canary reads of a DestinationRule: its host and its subsets' labels. */
export function destinationRuleView(dr: KubeObject | null | undefined): DestinationRuleView {
  const spec = mapping(dr?.spec) ?? {};
  return {
    name: str(dr?.metadata?.name),
    host: typeof spec.host === 'string' ? spec.host : null,
    subsets: (Array.isArray(spec.subsets) ? (spec.subsets as unknown[]) : [])
      .filter(isObject)
      .filter((s): s is Json & { name: string } => typeof s.name === 'string')
      .map((s) => ({
        name: s.name,
        labels: isObject(s.labels) ? (s.labels as Record<string, string>) : null,
      })),
  };
}

export interface CustomResourceDefinitionView {
  group: string;
  /** spec.names.kind ('' when missing). */
  kind: string;
  /** spec.names.plural, when a string. */
  plural: string | null;
  scope: 'Cluster' | 'Namespaced';
  /** `<group>/<version>` for every entry of spec.versions. */
  apiVersions: string[];
}

/** What istio-canary reads of a CustomResourceDefinition in the manifests: the kind it defines and where it is served. */
export function customResourceDefinitionView(crd: KubeObject): CustomResourceDefinitionView {
  const spec = mapping(crd.spec) ?? {};
  const names = mapping(spec.names) ?? {};
  const group = typeof spec.group === 'string' ? spec.group : '';
  return {
    group,
    kind: typeof names.kind === 'string' ? names.kind : '',
    plural: typeof names.plural === 'string' ? names.plural : null,
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    apiVersions: Array.isArray(spec.versions)
      ? spec.versions.filter(isObject).map((v) => `${group}/${String(v.name)}`)
      : [],
  };
}

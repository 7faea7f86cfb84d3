// Unknown-field detection for built-in kinds, as typed decoding finds them. Create, update and
// merge patch: Strict rejects, Warn (the default) and Ignore drop the field (Warn also adds a
// Warning header). Server-side apply rejects them always. Only the levels listed here are
// checked; deeper structures are accepted as they are.

import { type Json, type JsonObject, isObject } from './json.js';

const META = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];
const POD_SPEC = [
  'volumes',
  'initContainers',
  'containers',
  'ephemeralContainers',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  'nodeSelector',
  'serviceAccountName',
  'serviceAccount',
  'automountServiceAccountToken',
  'nodeName',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'shareProcessNamespace',
  'securityContext',
  'imagePullSecrets',
  'hostname',
  'subdomain',
  'affinity',
  'schedulerName',
  'tolerations',
  'hostAliases',
  'priorityClassName',
  'priority',
  'dnsConfig',
  'readinessGates',
  'runtimeClassName',
  'enableServiceLinks',
  'preemptionPolicy',
  'overhead',
  'topologySpreadConstraints',
  'setHostnameAsFQDN',
  'os',
  'hostUsers',
  'schedulingGates',
  'resourceClaims',
  'resources',
];
const CONTAINER = [
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
];
const SERVICE_SPEC = [
  'ports',
  'selector',
  'clusterIP',
  'clusterIPs',
  'type',
  'externalIPs',
  'sessionAffinity',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
  'externalName',
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'publishNotReadyAddresses',
  'sessionAffinityConfig',
  'ipFamilies',
  'ipFamilyPolicy',
  'allocateLoadBalancerNodePorts',
  'loadBalancerClass',
  'internalTrafficPolicy',
  'trafficDistribution',
];

/** Allowed keys by path (list items as []). */
const KNOWN: Record<string, Record<string, string[]>> = {
  Deployment: {
    '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
    spec: [
      'replicas',
      'selector',
      'template',
      'strategy',
      'minReadySeconds',
      'revisionHistoryLimit',
      'paused',
      'progressDeadlineSeconds',
    ],
    'spec.selector': ['matchLabels', 'matchExpressions'],
    'spec.strategy': ['type', 'rollingUpdate'],
    'spec.strategy.rollingUpdate': ['maxUnavailable', 'maxSurge'],
    'spec.template': ['metadata', 'spec'],
    'spec.template.metadata': META,
    'spec.template.spec': POD_SPEC,
    'spec.template.spec.containers[]': CONTAINER,
    'spec.template.spec.initContainers[]': CONTAINER,
    'spec.template.spec.containers[].ports[]': ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'],
    'spec.template.spec.containers[].env[]': ['name', 'value', 'valueFrom'],
  },
  Service: {
    '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
    spec: SERVICE_SPEC,
    'spec.ports[]': ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'],
  },
  ConfigMap: { '': ['apiVersion', 'kind', 'metadata', 'immutable', 'data', 'binaryData'] },
  Secret: { '': ['apiVersion', 'kind', 'metadata', 'immutable', 'data', 'stringData', 'type'] },
  Namespace: { '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'], spec: ['finalizers'] },
  Lease: {
    '': ['apiVersion', 'kind', 'metadata', 'spec'],
    spec: [
      'holderIdentity',
      'leaseDurationSeconds',
      'acquireTime',
      'renewTime',
      'leaseTransitions',
      'strategy',
      'preferredHolder',
    ],
  },
};

/** The keys server-side apply identifies list items by (associative lists), by schema path. */
const LIST_KEYS: Record<string, string[]> = {
  'spec.template.spec.containers[]': ['name'],
  'spec.template.spec.initContainers[]': ['name'],
  'spec.template.spec.containers[].env[]': ['name'],
  'spec.template.spec.containers[].ports[]': ['containerPort', 'protocol'],
  'spec.ports[]': ['port', 'protocol'],
};

/** `[name="app"]`, `[containerPort=80,protocol="TCP"]`: a list item as server-side apply names it. */
function keyedItem(schemaPath: string, item: Json | undefined, i: number): string {
  const keys = LIST_KEYS[schemaPath];
  if (!keys || !isObject(item) || keys.some((k) => item[k] === undefined)) return `[${i}]`;
  return `[${keys.map((k) => `${k}=${JSON.stringify(item[k])}`).join(',')}]`;
}

/**
 * Remove unknown fields of a built-in object in place; returns their paths (`spec.foo`,
 * `spec.a[0].b`; with `keyed`, list items by their keys as server-side apply names them:
 * `spec.template.spec.containers[name="app"].bogus`).
 */
export function pruneUnknownFields(kind: string, o: JsonObject, options: { keyed?: boolean } = {}): string[] {
  const known = KNOWN[kind];
  if (!known) return [];
  const found: string[] = [];
  const walk = (v: Json | undefined, schemaPath: string, path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) =>
        walk(
          item,
          `${schemaPath}[]`,
          `${path}${options.keyed ? keyedItem(`${schemaPath}[]`, item, i) : `[${i}]`}`,
        ),
      );
      return;
    }
    if (!isObject(v)) return;
    const allowed = known[schemaPath];
    for (const k of Object.keys(v)) {
      const child = schemaPath === '' ? k : `${schemaPath}.${k}`;
      const childPath = path === '' ? k : `${path}.${k}`;
      if (allowed && !allowed.includes(k)) {
        found.push(childPath);
        delete v[k];
        continue;
      }
      if (k === 'metadata' && schemaPath === '') {
        for (const mk of Object.keys(obj(v[k]))) {
          if (!META.includes(mk)) {
            found.push(`metadata.${mk}`);
            delete obj(v[k])[mk];
          }
        }
        continue;
      }
      walk(v[k], child, childPath);
    }
  };
  walk(o, '', '');
  return found;
}

function obj(v: Json | undefined): JsonObject {
  return isObject(v) ? v : {};
}

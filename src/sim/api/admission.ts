// Admission of a written object, as the real registry strategies do it: typed-decode checks of
// apiVersion/kind/metadata, unknown-field validation, the defaults and registry-set fields of
// built-in kinds, and name/spec validation with the real messages.

import { badRequest, invalid, type FieldError } from './status.js';
import { str, type JsonObject, clone, isObject, obj } from './json.js';
import { typeFromCrd, type ResourceType } from './resources.js';
import { metaOf } from './store.js';
import { nowSeconds } from './managed.js';
import { pruneUnknownFields } from './fields.js';
import { validateSchema } from './crd-schema.js';
import type { ApiContext, Req, ResourceRequest } from './context.js';

function nameRegexError(rule: ResourceType['nameRule'], name: string): string | undefined {
  const sub = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  const dns1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
  if (rule === 'subdomain') {
    if (name.length > 253) return 'must be no more than 253 characters';
    if (!sub.test(name))
      return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  } else if (rule === 'label') {
    if (name.length > 63) return 'must be no more than 63 characters';
    if (!label.test(name))
      return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  } else {
    if (name.length > 63) return 'must be no more than 63 characters';
    if (!dns1035.test(name))
      return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  }
  return undefined;
}

/** apiVersion/kind/structure checks a typed decode performs (400) or a CRD validator performs (422). */
export function checkTypeMeta(
  rr: ResourceRequest,
  o: JsonObject,
  expectKind: string,
  expectApiVersion: string,
): void {
  const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '';
  const kind = typeof o['kind'] === 'string' ? o['kind'] : '';
  const name = str(metaOf(o)['name'] ?? '');
  if (!rr.rt.builtIn || expectKind === 'Scale') {
    const errs: FieldError[] = [];
    if (kind !== '' && kind !== expectKind)
      errs.push({ type: 'FieldValueInvalid', field: 'kind', value: kind, detail: `must be ${expectKind}` });
    if (apiVersion !== '' && apiVersion !== expectApiVersion)
      errs.push({
        type: 'FieldValueInvalid',
        field: 'apiVersion',
        value: apiVersion,
        detail: `must be ${expectApiVersion}`,
      });
    if (errs.length > 0) throw invalid(rr.rt.kind, rr.group, name, errs);
  } else {
    if (kind !== '' && kind !== expectKind) {
      const v = apiVersion.split('/').pop() ?? rr.version;
      throw badRequest(
        `${kind} in version "${v}" cannot be handled as a ${expectKind}: converting (${v}.${kind}) to (${rr.group === '' ? 'core' : rr.group.split('.')[0]}.${expectKind}): unknown conversion`,
      );
    }
    if (apiVersion !== '' && apiVersion !== expectApiVersion)
      throw badRequest(
        `the API version in the data (${apiVersion}) does not match the expected API version (${expectApiVersion})`,
      );
  }
  for (const f of ['metadata', 'spec', 'status']) {
    const val = o[f];
    if (val !== undefined && val !== null && !isObject(val) && !(f === 'spec' && !rr.rt.builtIn)) {
      const got = Array.isArray(val) ? 'array' : typeof val;
      const goType =
        f === 'metadata' ? 'v1.ObjectMeta' : `v1.${expectKind}${f === 'spec' ? 'Spec' : 'Status'}`;
      throw badRequest(
        `${expectKind} in version "${rr.version}" cannot be handled as a ${expectKind}: json: cannot unmarshal ${got} into Go struct field ${expectKind}.${f} of type ${goType}`,
      );
    }
  }
  if (isObject(o['metadata'])) {
    const m = o['metadata'];
    for (const f of ['labels', 'annotations'])
      if (
        m[f] !== undefined &&
        m[f] !== null &&
        (!isObject(m[f]) || Object.values(m[f]).some((x) => typeof x !== 'string'))
      )
        throw badRequest(
          `${expectKind} in version "${rr.version}" cannot be handled as a ${expectKind}: json: cannot unmarshal into Go struct field ObjectMeta.metadata.${f} of type map[string]string`,
        );
  }
}

/** Unknown fields of a built-in kind: Strict rejects, Warn (default) and Ignore drop them. */
export function fieldCheck(rr: ResourceRequest, r: Req, body: JsonObject): Record<string, string[]> {
  if (!rr.rt.builtIn) return {};
  const unknown = pruneUnknownFields(rr.rt.kind, body);
  if (unknown.length === 0) return {};
  const mode = r.query.get('fieldValidation') ?? 'Warn';
  if (mode === 'Strict')
    throw badRequest(
      `${rr.rt.kind} in version "${rr.version}" cannot be handled as a ${rr.rt.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
    );
  if (mode === 'Ignore') return {};
  return { Warning: unknown.map((f) => `299 - ${JSON.stringify(`unknown field "${f}"`)}`) };
}

/** Defaults the real API server fills in, so `get -o yaml` looks familiar. */
export function defaults(rt: ResourceType, o: JsonObject): void {
  if (rt.kind === 'Namespace') {
    const meta = metaOf(o);
    meta['labels'] = { ...obj(meta['labels']), 'kubernetes.io/metadata.name': str(meta['name']) };
    o['metadata'] = meta;
    if (!isObject(o['status']) || !o['status']['phase'])
      o['status'] = { ...obj(o['status']), phase: 'Active' };
  } else if (rt.kind === 'Deployment') {
    const spec = obj(o['spec']);
    spec['replicas'] ??= 1;
    spec['revisionHistoryLimit'] ??= 10;
    spec['progressDeadlineSeconds'] ??= 600;
    const strategy = obj(spec['strategy']);
    strategy['type'] ??= 'RollingUpdate';
    if (strategy['type'] === 'RollingUpdate')
      strategy['rollingUpdate'] = {
        maxSurge: '25%',
        maxUnavailable: '25%',
        ...obj(strategy['rollingUpdate']),
      };
    spec['strategy'] = strategy;
    const tpl = obj(spec['template']);
    const ps = obj(tpl['spec']);
    ps['restartPolicy'] ??= 'Always';
    ps['terminationGracePeriodSeconds'] ??= 30;
    ps['dnsPolicy'] ??= 'ClusterFirst';
    ps['securityContext'] ??= {};
    ps['schedulerName'] ??= 'default-scheduler';
    for (const c of (Array.isArray(ps['containers']) ? ps['containers'] : []).filter(isObject)) {
      const img = str(c['image'] ?? '');
      c['imagePullPolicy'] ??= /:latest$|^[^:@]*$|\/[^:@]*$/.test(img) ? 'Always' : 'IfNotPresent';
      c['terminationMessagePath'] ??= '/dev/termination-log';
      c['terminationMessagePolicy'] ??= 'File';
      c['resources'] ??= {};
      for (const port of (Array.isArray(c['ports']) ? c['ports'] : []).filter(isObject))
        port['protocol'] ??= 'TCP';
    }
    tpl['spec'] = ps;
    spec['template'] = tpl;
    o['spec'] = spec;
  } else if (rt.kind === 'Service') {
    const spec = obj(o['spec']);
    spec['type'] ??= 'ClusterIP';
    spec['sessionAffinity'] ??= 'None';
    if (spec['type'] !== 'ExternalName') spec['internalTrafficPolicy'] ??= 'Cluster';
    for (const p of (Array.isArray(spec['ports']) ? spec['ports'] : []).filter(isObject)) {
      p['protocol'] ??= 'TCP';
      p['targetPort'] ??= p['port'] ?? null;
    }
    o['spec'] = spec;
  } else if (rt.kind === 'Secret') {
    o['type'] ??= 'Opaque';
    if (isObject(o['stringData'])) {
      const data = obj(o['data']);
      for (const [k, v] of Object.entries(o['stringData'])) data[k] = Buffer.from(str(v)).toString('base64');
      o['data'] = data;
      delete o['stringData'];
    }
  }
}

/**
 * Fields the registry sets after defaulting (PrepareForCreate, IP allocation): the real server
 * does not record them in managedFields. On update they are kept from the stored object.
 */
export function strategy(ctx: ApiContext, rt: ResourceType, o: JsonObject, old?: JsonObject): void {
  if (rt.kind === 'Namespace') {
    o['spec'] = old ? clone(obj(old['spec'])) : { finalizers: ['kubernetes'] };
  } else if (rt.kind === 'Service') {
    const spec = obj(o['spec']);
    const before = old ? obj(old['spec']) : {};
    if (spec['type'] !== 'ExternalName') {
      if (!spec['clusterIP'] && before['clusterIP']) spec['clusterIP'] = before['clusterIP'];
      if (!spec['clusterIP']) {
        spec['clusterIP'] = ctx.allocateClusterIp();
      }
      spec['clusterIPs'] = [spec['clusterIP']];
      spec['ipFamilies'] = before['ipFamilies'] ?? ['IPv4'];
      spec['ipFamilyPolicy'] = before['ipFamilyPolicy'] ?? 'SingleStack';
    }
    o['spec'] = spec;
    o['status'] = old ? clone(old['status'] ?? { loadBalancer: {} }) : { loadBalancer: {} };
  }
}

export function validate(rt: ResourceType, o: JsonObject, isCreate: boolean): void {
  const meta = metaOf(o);
  const name = str(meta['name'] ?? '');
  const errs: FieldError[] = [];
  if (!name)
    errs.push({
      type: 'FieldValueRequired',
      field: 'metadata.name',
      detail: 'name or generateName is required',
    });
  else {
    const msg = nameRegexError(rt.nameRule, name);
    if (msg) errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', value: name, detail: msg });
  }
  if (rt.kind === 'Deployment') {
    const spec = obj(o['spec']);
    const sel = obj(obj(spec['selector'])['matchLabels']);
    const tplLabels = obj(obj(obj(spec['template'])['metadata'])['labels']);
    if (!isObject(spec['selector']))
      errs.push({ type: 'FieldValueRequired', field: 'spec.selector', detail: '' });
    else if (Object.keys(sel).length === 0 && !Array.isArray(obj(spec['selector'])['matchExpressions']))
      errs.push({
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        value: 'null',
        detail: 'empty selector is invalid for deployment',
      });
    if (!isObject(spec['selector']) || Object.entries(sel).some(([k, v]) => tplLabels[k] !== v))
      errs.push({
        type: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        value: tplLabels,
        detail: '`selector` does not match template `labels`',
      });
    const cs = obj(obj(spec['template'])['spec'])['containers'];
    if (!Array.isArray(cs) || cs.length === 0)
      errs.push({ type: 'FieldValueRequired', field: 'spec.template.spec.containers', detail: '' });
    else
      cs.forEach((c, i) => {
        if (!isObject(c) || !c['name'])
          errs.push({
            type: 'FieldValueRequired',
            field: `spec.template.spec.containers[${i}].name`,
            detail: '',
          });
        if (!isObject(c) || !c['image'])
          errs.push({
            type: 'FieldValueRequired',
            field: `spec.template.spec.containers[${i}].image`,
            detail: '',
          });
      });
    if (typeof spec['replicas'] === 'number' && spec['replicas'] < 0)
      errs.push({
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        value: spec['replicas'],
        detail: 'must be greater than or equal to 0',
      });
  } else if (rt.kind === 'Service') {
    const spec = obj(o['spec']);
    if (
      spec['type'] !== 'ExternalName' &&
      spec['clusterIP'] !== 'None' &&
      (!Array.isArray(spec['ports']) || spec['ports'].length === 0)
    )
      errs.push({ type: 'FieldValueRequired', field: 'spec.ports', detail: '' });
  } else if (rt.kind === 'CustomResourceDefinition' && isCreate) {
    const spec = obj(o['spec']);
    const want = `${str(obj(spec['names'])['plural'] ?? '')}.${str(spec['group'] ?? '')}`;
    if (name && name !== want)
      errs.push({
        type: 'FieldValueInvalid',
        field: 'metadata.name',
        value: name,
        detail: 'must be spec.names.plural+"."+spec.group',
      });
    if (!typeFromCrd(o))
      errs.push({
        type: 'FieldValueRequired',
        field: 'spec.versions',
        detail: 'must have exactly one version marked as storage version',
      });
  }
  if (rt.schema) errs.push(...validateSchema(o, rt.schema));
  if (errs.length > 0) throw invalid(rt.kind, rt.group, name, errs);
}

export function crdStatus(crd: JsonObject, now: Date): JsonObject {
  const spec = obj(crd['spec']);
  const ts = nowSeconds(now);
  const versions = (Array.isArray(spec['versions']) ? spec['versions'] : []).filter(isObject);
  const storage = versions.find((v) => v['storage'] === true) ?? versions[0];
  return {
    acceptedNames: clone(obj(spec['names'])),
    conditions: [
      {
        lastTransitionTime: ts,
        message: 'no conflicts found',
        reason: 'NoConflicts',
        status: 'True',
        type: 'NamesAccepted',
      },
      {
        lastTransitionTime: ts,
        message: 'the initial names have been accepted',
        reason: 'InitialNamesAccepted',
        status: 'True',
        type: 'Established',
      },
    ],
    storedVersions: storage ? [str(storage['name'])] : [],
  };
}

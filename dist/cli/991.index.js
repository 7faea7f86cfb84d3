export const id = 991;
export const ids = [991];
export const modules = {

/***/ 25991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CRASHLOOP_TAG: () => (/* reexport */ CRASHLOOP_TAG),
  DEFAULT_USER: () => (/* reexport */ DEFAULT_USER),
  Faults: () => (/* reexport */ Faults),
  startApiServer: () => (/* reexport */ startApiServer)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/util/object.ts
var object = __webpack_require__(69313);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/sim/api/status.ts
// metav1.Status bodies exactly as kube-apiserver sends them, so clients branch on reason/code as in production.


/** An API failure carried as an exception through the request handler, answered as its Status. */
class ApiError extends errors/* IstioCanaryError */.f {
    status;
    headers;
    constructor(status, headers = {}) {
        super(status.message ?? status.reason ?? `HTTP ${status.code}`);
        this.status = status;
        this.headers = headers;
    }
}
function failure(code, reason, message, details) {
    // Key order as the real server serializes: details before code; no reason when there is none.
    const s = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message };
    if (reason)
        s.reason = reason;
    if (details !== undefined)
        s.details = details;
    s.code = code;
    return s;
}
/** `deployments.apps`, or just `services` for the core group: how the server names a resource in messages. */
function qualified(resource, group) {
    return group === '' ? resource : `${resource}.${group}`;
}
function notFound(resource, group, name) {
    return new ApiError(failure(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, {
        name,
        group: group || undefined,
        kind: resource,
    }));
}
function resourceNotFound() {
    return new ApiError(failure(404, 'NotFound', 'the server could not find the requested resource', {}));
}
function alreadyExists(resource, group, name) {
    return new ApiError(failure(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, {
        name,
        group: group || undefined,
        kind: resource,
    }));
}
function conflict(resource, group, name) {
    return new ApiError(failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group: group || undefined, kind: resource }));
}
function badRequest(message) {
    return new ApiError(failure(400, 'BadRequest', message));
}
function methodNotAllowed() {
    return new ApiError(failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}));
}
function unsupportedMediaType(accepted) {
    return new ApiError(failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`));
}
/** How Go's %#v prints a field error's value: strings quoted, label maps as map[string]string{...}. */
function goValue(v) {
    if (typeof v === 'string')
        return JSON.stringify(v);
    if ((0,object/* isObject */.G)(v)) {
        const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1));
        return `map[string]string{${entries.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(', ')}}`;
    }
    return JSON.stringify(v ?? null);
}
function fieldMessage(e) {
    switch (e.type) {
        case 'FieldValueRequired':
            return `Required value${e.detail ? `: ${e.detail}` : ''}`;
        case 'FieldValueForbidden':
            return `Forbidden${e.detail ? `: ${e.detail}` : ''}`;
        case 'FieldValueDuplicate':
            // detail, when set, is the value as Go's %#v renders it (e.g. a list-map key).
            return `Duplicate value: ${e.detail || JSON.stringify(e.value)}`;
        case 'FieldValueNotSupported':
            return `Unsupported value: ${JSON.stringify(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
        default:
            return `Invalid value: ${goValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    }
}
/** 422 Invalid, as apimachinery's NewInvalid renders field.ErrorList. */
function invalid(kind, group, name, errors) {
    const causes = errors.map((e) => ({ reason: e.type, message: fieldMessage(e), field: e.field }));
    const list = errors.map((e) => `${e.field}: ${fieldMessage(e)}`);
    const summary = list.length === 1 ? (list[0] ?? '') : `[${list.join(', ')}]`;
    return new ApiError(failure(422, 'Invalid', `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${summary}`, {
        name: name || undefined,
        group: group || undefined,
        kind,
        causes,
    }));
}
function successStatus(details) {
    // The real server omits `code` on a successful delete.
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

;// CONCATENATED MODULE: ./src/sim/api/json.ts
// Small JSON helpers shared by the store, patches and server-side apply.

/** src/util/object.ts's test, narrowing to JsonObject: everything the sim walks was parsed from JSON or YAML. */
const isObject = object/* isObject */.G;
function clone(v) {
    return structuredClone(v);
}
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
    }
    const ao = a;
    const bo = b;
    const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
    const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
    return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}
function obj(v) {
    return isObject(v) ? v : {};
}
/** A scalar as text ('' for objects, arrays and absent values): safe stringification of JSON fields. */
function str(v) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
        return String(v);
    return '';
}

;// CONCATENATED MODULE: ./src/sim/crds/gateway-api.ts
// Generated by scripts/derive-crds.ts from kubernetes-sigs/gateway-api v1.6.1 (8bb74df00e56ec8f944d48c25e6c1c9c2f6848e3); do not edit.
// The CRDs the embedded API server installs at start, as JSON (see src/sim/crds/index.ts).
const GATEWAY_API_CRDS = [
    '{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gatewayclasses.gateway.networking.k8s.io","annotations":{"api-approved.kubernetes.io":"https://github.com/kubernetes-sigs/gateway-api/pull/4530","gateway.networking.k8s.io/bundle-version":"v1.6.1","gateway.networking.k8s.io/channel":"standard"}},"spec":{"group":"gateway.networking.k8s.io","names":{"categories":["gateway-api"],"kind":"GatewayClass","listKind":"GatewayClassList","plural":"gatewayclasses","shortNames":["gc"],"singular":"gatewayclass"},"scope":"Cluster","versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"spec":{"properties":{"controllerName":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\\\/[A-Za-z0-9\\\\/\\\\-._~%!$&\'()*+,;=:]+$","type":"string"},"description":{"maxLength":64,"type":"string"},"parametersRef":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"}},"required":["group","kind","name"],"type":"object"}},"required":["controllerName"],"type":"object"},"status":{"default":{"conditions":[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Accepted"}]},"properties":{"conditions":{"default":[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Accepted"}],"items":{"properties":{"lastTransitionTime":{"format":"date-time","type":"string"},"message":{"maxLength":32768,"type":"string"},"observedGeneration":{"format":"int64","minimum":0,"type":"integer"},"reason":{"maxLength":1024,"minLength":1,"pattern":"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$","type":"string"},"status":{"enum":["True","False","Unknown"],"type":"string"},"type":{"maxLength":316,"pattern":"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$","type":"string"}},"required":["lastTransitionTime","message","reason","status","type"],"type":"object"},"maxItems":8,"type":"array","x-kubernetes-list-map-keys":["type"],"x-kubernetes-list-type":"map"},"supportedFeatures":{"items":{"properties":{"name":{"type":"string"}},"required":["name"],"type":"object"},"maxItems":64,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"}},"type":"object"}},"required":["spec"],"type":"object"}},"subresources":{"status":{}},"additionalPrinterColumns":[{"jsonPath":".spec.controllerName","name":"Controller","type":"string"},{"jsonPath":".status.conditions[?(@.type==\\"Accepted\\")].status","name":"Accepted","type":"string"},{"jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"},{"jsonPath":".spec.description","name":"Description","priority":1,"type":"string"}]},{"name":"v1beta1","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"jsonPath":".spec.controllerName","name":"Controller","type":"string"},{"jsonPath":".status.conditions[?(@.type==\\"Accepted\\")].status","name":"Accepted","type":"string"},{"jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"},{"jsonPath":".spec.description","name":"Description","priority":1,"type":"string"}]}]}}',
    '{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gateways.gateway.networking.k8s.io","annotations":{"api-approved.kubernetes.io":"https://github.com/kubernetes-sigs/gateway-api/pull/4530","gateway.networking.k8s.io/bundle-version":"v1.6.1","gateway.networking.k8s.io/channel":"standard"}},"spec":{"group":"gateway.networking.k8s.io","names":{"categories":["gateway-api"],"kind":"Gateway","listKind":"GatewayList","plural":"gateways","shortNames":["gtw"],"singular":"gateway"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"spec":{"properties":{"addresses":{"items":{"oneOf":[{"properties":{"type":{"enum":["IPAddress"]},"value":{"anyOf":[{"format":"ipv4"},{"format":"ipv6"}]}}},{"properties":{"type":{"not":{"enum":["IPAddress"]}}}}],"properties":{"type":{"default":"IPAddress","maxLength":253,"minLength":1,"pattern":"^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\\\/[A-Za-z0-9\\\\/\\\\-._~%!$&\'()*+,;=:]+$","type":"string"},"value":{"maxLength":253,"type":"string"}},"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-type":"atomic"},"allowedListeners":{"properties":{"namespaces":{"default":{"from":"None"},"properties":{"from":{"default":"None","enum":["All","Selector","Same","None"],"type":"string"},"selector":{"properties":{"matchExpressions":{"items":{"properties":{"key":{"type":"string"},"operator":{"type":"string"},"values":{"items":{"type":"string"},"type":"array","x-kubernetes-list-type":"atomic"}},"required":["key","operator"],"type":"object"},"type":"array","x-kubernetes-list-type":"atomic"},"matchLabels":{"additionalProperties":{"type":"string"},"type":"object"}},"type":"object","x-kubernetes-map-type":"atomic"}},"type":"object"}},"type":"object"},"gatewayClassName":{"maxLength":253,"minLength":1,"type":"string"},"infrastructure":{"properties":{"annotations":{"additionalProperties":{"maxLength":4096,"minLength":0,"type":"string"},"maxProperties":16,"type":"object"},"labels":{"additionalProperties":{"maxLength":63,"minLength":0,"pattern":"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$","type":"string"},"maxProperties":8,"type":"object"},"parametersRef":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"}},"required":["group","kind","name"],"type":"object"}},"type":"object"},"listeners":{"items":{"properties":{"allowedRoutes":{"default":{"namespaces":{"from":"Same"}},"properties":{"kinds":{"items":{"properties":{"group":{"default":"gateway.networking.k8s.io","maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"}},"required":["kind"],"type":"object"},"maxItems":8,"type":"array","x-kubernetes-list-type":"atomic"},"namespaces":{"default":{"from":"Same"},"properties":{"from":{"default":"Same","enum":["All","Selector","Same"],"type":"string"},"selector":{"properties":{"matchExpressions":{"items":{"properties":{"key":{"type":"string"},"operator":{"type":"string"},"values":{"items":{"type":"string"},"type":"array","x-kubernetes-list-type":"atomic"}},"required":["key","operator"],"type":"object"},"type":"array","x-kubernetes-list-type":"atomic"},"matchLabels":{"additionalProperties":{"type":"string"},"type":"object"}},"type":"object","x-kubernetes-map-type":"atomic"}},"type":"object"}},"type":"object"},"hostname":{"maxLength":253,"minLength":1,"pattern":"^(\\\\*\\\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"name":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"},"protocol":{"maxLength":255,"minLength":1,"pattern":"^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\\\/[A-Za-z0-9]+$","type":"string"},"tls":{"properties":{"certificateRefs":{"items":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"default":"Secret","maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"}},"required":["name"],"type":"object"},"maxItems":64,"type":"array","x-kubernetes-list-type":"atomic"},"mode":{"default":"Terminate","enum":["Terminate","Passthrough"],"type":"string"},"options":{"additionalProperties":{"maxLength":4096,"minLength":0,"type":"string"},"maxProperties":16,"type":"object"}},"type":"object"}},"required":["name","port","protocol"],"type":"object"},"maxItems":64,"minItems":1,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"},"tls":{"properties":{"backend":{"properties":{"clientCertificateRef":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"default":"Secret","maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"}},"required":["name"],"type":"object"}},"type":"object"},"frontend":{"properties":{"default":{"properties":{"validation":{"properties":{"caCertificateRefs":{"items":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"}},"required":["group","kind","name"],"type":"object"},"maxItems":16,"minItems":1,"type":"array","x-kubernetes-list-type":"atomic"},"mode":{"default":"AllowValidOnly","enum":["AllowValidOnly","AllowInsecureFallback"],"type":"string"}},"required":["caCertificateRefs"],"type":"object"}},"type":"object"},"perPort":{"items":{"properties":{"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"},"tls":{"properties":{"validation":{"properties":{"caCertificateRefs":{"items":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"}},"required":["group","kind","name"],"type":"object"},"maxItems":16,"minItems":1,"type":"array","x-kubernetes-list-type":"atomic"},"mode":{"default":"AllowValidOnly","enum":["AllowValidOnly","AllowInsecureFallback"],"type":"string"}},"required":["caCertificateRefs"],"type":"object"}},"type":"object"}},"required":["port","tls"],"type":"object"},"maxItems":64,"type":"array","x-kubernetes-list-map-keys":["port"],"x-kubernetes-list-type":"map"}},"required":["default"],"type":"object"}},"type":"object"}},"required":["gatewayClassName","listeners"],"type":"object"},"status":{"default":{"conditions":[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Accepted"},{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Programmed"}]},"properties":{"addresses":{"items":{"oneOf":[{"properties":{"type":{"enum":["IPAddress"]},"value":{"anyOf":[{"format":"ipv4"},{"format":"ipv6"}]}}},{"properties":{"type":{"not":{"enum":["IPAddress"]}}}}],"properties":{"type":{"default":"IPAddress","maxLength":253,"minLength":1,"pattern":"^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\\\/[A-Za-z0-9\\\\/\\\\-._~%!$&\'()*+,;=:]+$","type":"string"},"value":{"maxLength":253,"minLength":1,"type":"string"}},"required":["value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-type":"atomic"},"attachedListenerSets":{"format":"int32","type":"integer"},"conditions":{"default":[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Accepted"},{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Programmed"}],"items":{"properties":{"lastTransitionTime":{"format":"date-time","type":"string"},"message":{"maxLength":32768,"type":"string"},"observedGeneration":{"format":"int64","minimum":0,"type":"integer"},"reason":{"maxLength":1024,"minLength":1,"pattern":"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$","type":"string"},"status":{"enum":["True","False","Unknown"],"type":"string"},"type":{"maxLength":316,"pattern":"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$","type":"string"}},"required":["lastTransitionTime","message","reason","status","type"],"type":"object"},"maxItems":8,"type":"array","x-kubernetes-list-map-keys":["type"],"x-kubernetes-list-type":"map"},"listeners":{"items":{"properties":{"attachedRoutes":{"format":"int32","type":"integer"},"conditions":{"items":{"properties":{"lastTransitionTime":{"format":"date-time","type":"string"},"message":{"maxLength":32768,"type":"string"},"observedGeneration":{"format":"int64","minimum":0,"type":"integer"},"reason":{"maxLength":1024,"minLength":1,"pattern":"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$","type":"string"},"status":{"enum":["True","False","Unknown"],"type":"string"},"type":{"maxLength":316,"pattern":"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$","type":"string"}},"required":["lastTransitionTime","message","reason","status","type"],"type":"object"},"maxItems":8,"type":"array","x-kubernetes-list-map-keys":["type"],"x-kubernetes-list-type":"map"},"name":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"supportedKinds":{"items":{"properties":{"group":{"default":"gateway.networking.k8s.io","maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"}},"required":["kind"],"type":"object"},"maxItems":8,"type":"array","x-kubernetes-list-type":"atomic"}},"required":["attachedRoutes","conditions","name"],"type":"object"},"maxItems":64,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"}},"type":"object"}},"required":["spec"],"type":"object"}},"subresources":{"status":{}},"additionalPrinterColumns":[{"jsonPath":".spec.gatewayClassName","name":"Class","type":"string"},{"jsonPath":".status.addresses[*].value","name":"Address","type":"string"},{"jsonPath":".status.conditions[?(@.type==\\"Programmed\\")].status","name":"Programmed","type":"string"},{"jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1beta1","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"jsonPath":".spec.gatewayClassName","name":"Class","type":"string"},{"jsonPath":".status.addresses[*].value","name":"Address","type":"string"},{"jsonPath":".status.conditions[?(@.type==\\"Programmed\\")].status","name":"Programmed","type":"string"},{"jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]}]}}',
    '{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"httproutes.gateway.networking.k8s.io","annotations":{"api-approved.kubernetes.io":"https://github.com/kubernetes-sigs/gateway-api/pull/4530","gateway.networking.k8s.io/bundle-version":"v1.6.1","gateway.networking.k8s.io/channel":"standard"}},"spec":{"group":"gateway.networking.k8s.io","names":{"categories":["gateway-api"],"kind":"HTTPRoute","listKind":"HTTPRouteList","plural":"httproutes","singular":"httproute"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"spec":{"properties":{"hostnames":{"items":{"maxLength":253,"minLength":1,"pattern":"^(\\\\*\\\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"maxItems":16,"type":"array","x-kubernetes-list-type":"atomic"},"parentRefs":{"items":{"properties":{"group":{"default":"gateway.networking.k8s.io","maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"default":"Gateway","maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"},"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"},"sectionName":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"}},"required":["name"],"type":"object"},"maxItems":32,"type":"array","x-kubernetes-list-type":"atomic"},"rules":{"default":[{"matches":[{"path":{"type":"PathPrefix","value":"/"}}]}],"items":{"properties":{"backendRefs":{"items":{"properties":{"filters":{"items":{"properties":{"cors":{"properties":{"allowCredentials":{"type":"boolean"},"allowHeaders":{"items":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"maxItems":64,"type":"array","x-kubernetes-list-type":"set"},"allowMethods":{"items":{"enum":["GET","HEAD","POST","PUT","DELETE","CONNECT","OPTIONS","TRACE","PATCH","*"],"type":"string"},"maxItems":9,"type":"array","x-kubernetes-list-type":"set"},"allowOrigins":{"items":{"maxLength":253,"minLength":1,"pattern":"(^\\\\*$)|(^(http(s)?):\\\\/\\\\/(((\\\\*\\\\.)?([a-zA-Z0-9\\\\-]+\\\\.)*[a-zA-Z0-9-]+|\\\\*)(:([0-9]{1,5}))?)$)","type":"string"},"maxItems":64,"type":"array","x-kubernetes-list-type":"set"},"exposeHeaders":{"items":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"maxItems":64,"type":"array","x-kubernetes-list-type":"set"},"maxAge":{"default":5,"format":"int32","minimum":1,"type":"integer"}},"type":"object"},"extensionRef":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"}},"required":["group","kind","name"],"type":"object"},"requestHeaderModifier":{"properties":{"add":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"},"remove":{"items":{"type":"string"},"maxItems":16,"type":"array","x-kubernetes-list-type":"set"},"set":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"}},"type":"object"},"requestMirror":{"properties":{"backendRef":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"default":"Service","maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"},"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"}},"required":["name"],"type":"object"},"fraction":{"properties":{"denominator":{"default":100,"format":"int32","minimum":1,"type":"integer"},"numerator":{"format":"int32","minimum":0,"type":"integer"}},"required":["numerator"],"type":"object"},"percent":{"format":"int32","maximum":100,"minimum":0,"type":"integer"}},"required":["backendRef"],"type":"object"},"requestRedirect":{"properties":{"hostname":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"path":{"properties":{"replaceFullPath":{"maxLength":1024,"type":"string"},"replacePrefixMatch":{"maxLength":1024,"type":"string"},"type":{"enum":["ReplaceFullPath","ReplacePrefixMatch"],"type":"string"}},"required":["type"],"type":"object"},"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"},"scheme":{"enum":["http","https"],"type":"string"},"statusCode":{"default":302,"enum":[301,302,303,307,308],"type":"integer"}},"type":"object"},"responseHeaderModifier":{"properties":{"add":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"},"remove":{"items":{"type":"string"},"maxItems":16,"type":"array","x-kubernetes-list-type":"set"},"set":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"}},"type":"object"},"type":{"enum":["RequestHeaderModifier","ResponseHeaderModifier","RequestMirror","RequestRedirect","URLRewrite","ExtensionRef","CORS"],"type":"string"},"urlRewrite":{"properties":{"hostname":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"path":{"properties":{"replaceFullPath":{"maxLength":1024,"type":"string"},"replacePrefixMatch":{"maxLength":1024,"type":"string"},"type":{"enum":["ReplaceFullPath","ReplacePrefixMatch"],"type":"string"}},"required":["type"],"type":"object"}},"type":"object"}},"required":["type"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-type":"atomic"},"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"default":"Service","maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"},"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"},"weight":{"default":1,"format":"int32","maximum":1000000,"minimum":0,"type":"integer"}},"required":["name"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-type":"atomic"},"filters":{"items":{"properties":{"cors":{"properties":{"allowCredentials":{"type":"boolean"},"allowHeaders":{"items":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"maxItems":64,"type":"array","x-kubernetes-list-type":"set"},"allowMethods":{"items":{"enum":["GET","HEAD","POST","PUT","DELETE","CONNECT","OPTIONS","TRACE","PATCH","*"],"type":"string"},"maxItems":9,"type":"array","x-kubernetes-list-type":"set"},"allowOrigins":{"items":{"maxLength":253,"minLength":1,"pattern":"(^\\\\*$)|(^(http(s)?):\\\\/\\\\/(((\\\\*\\\\.)?([a-zA-Z0-9\\\\-]+\\\\.)*[a-zA-Z0-9-]+|\\\\*)(:([0-9]{1,5}))?)$)","type":"string"},"maxItems":64,"type":"array","x-kubernetes-list-type":"set"},"exposeHeaders":{"items":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"maxItems":64,"type":"array","x-kubernetes-list-type":"set"},"maxAge":{"default":5,"format":"int32","minimum":1,"type":"integer"}},"type":"object"},"extensionRef":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"}},"required":["group","kind","name"],"type":"object"},"requestHeaderModifier":{"properties":{"add":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"},"remove":{"items":{"type":"string"},"maxItems":16,"type":"array","x-kubernetes-list-type":"set"},"set":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"}},"type":"object"},"requestMirror":{"properties":{"backendRef":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"default":"Service","maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"},"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"}},"required":["name"],"type":"object"},"fraction":{"properties":{"denominator":{"default":100,"format":"int32","minimum":1,"type":"integer"},"numerator":{"format":"int32","minimum":0,"type":"integer"}},"required":["numerator"],"type":"object"},"percent":{"format":"int32","maximum":100,"minimum":0,"type":"integer"}},"required":["backendRef"],"type":"object"},"requestRedirect":{"properties":{"hostname":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"path":{"properties":{"replaceFullPath":{"maxLength":1024,"type":"string"},"replacePrefixMatch":{"maxLength":1024,"type":"string"},"type":{"enum":["ReplaceFullPath","ReplacePrefixMatch"],"type":"string"}},"required":["type"],"type":"object"},"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"},"scheme":{"enum":["http","https"],"type":"string"},"statusCode":{"default":302,"enum":[301,302,303,307,308],"type":"integer"}},"type":"object"},"responseHeaderModifier":{"properties":{"add":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"},"remove":{"items":{"type":"string"},"maxItems":16,"type":"array","x-kubernetes-list-type":"set"},"set":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"}},"type":"object"},"type":{"enum":["RequestHeaderModifier","ResponseHeaderModifier","RequestMirror","RequestRedirect","URLRewrite","ExtensionRef","CORS"],"type":"string"},"urlRewrite":{"properties":{"hostname":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"path":{"properties":{"replaceFullPath":{"maxLength":1024,"type":"string"},"replacePrefixMatch":{"maxLength":1024,"type":"string"},"type":{"enum":["ReplaceFullPath","ReplacePrefixMatch"],"type":"string"}},"required":["type"],"type":"object"}},"type":"object"}},"required":["type"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-type":"atomic"},"matches":{"default":[{"path":{"type":"PathPrefix","value":"/"}}],"items":{"properties":{"headers":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"type":{"default":"Exact","enum":["Exact","RegularExpression"],"type":"string"},"value":{"maxLength":4096,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"},"method":{"enum":["GET","HEAD","POST","PUT","DELETE","CONNECT","OPTIONS","TRACE","PATCH"],"type":"string"},"path":{"default":{"type":"PathPrefix","value":"/"},"properties":{"type":{"default":"PathPrefix","enum":["Exact","PathPrefix","RegularExpression"],"type":"string"},"value":{"default":"/","maxLength":1024,"type":"string"}},"type":"object"},"queryParams":{"items":{"properties":{"name":{"maxLength":256,"minLength":1,"pattern":"^[A-Za-z0-9!#$%&\'*+\\\\-.^_\\\\x60|~]+$","type":"string"},"type":{"default":"Exact","enum":["Exact","RegularExpression"],"type":"string"},"value":{"maxLength":1024,"minLength":1,"type":"string"}},"required":["name","value"],"type":"object"},"maxItems":16,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"}},"type":"object"},"maxItems":64,"type":"array","x-kubernetes-list-type":"atomic"},"name":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"timeouts":{"properties":{"backendRequest":{"pattern":"^([0-9]{1,5}(h|m|s|ms)){1,4}$","type":"string"},"request":{"pattern":"^([0-9]{1,5}(h|m|s|ms)){1,4}$","type":"string"}},"type":"object"}},"type":"object"},"maxItems":16,"minItems":1,"type":"array","x-kubernetes-list-type":"atomic"}},"type":"object"},"status":{"properties":{"parents":{"items":{"properties":{"conditions":{"items":{"properties":{"lastTransitionTime":{"format":"date-time","type":"string"},"message":{"maxLength":32768,"type":"string"},"observedGeneration":{"format":"int64","minimum":0,"type":"integer"},"reason":{"maxLength":1024,"minLength":1,"pattern":"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$","type":"string"},"status":{"enum":["True","False","Unknown"],"type":"string"},"type":{"maxLength":316,"pattern":"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$","type":"string"}},"required":["lastTransitionTime","message","reason","status","type"],"type":"object"},"maxItems":8,"minItems":1,"type":"array","x-kubernetes-list-map-keys":["type"],"x-kubernetes-list-type":"map"},"controllerName":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\\\/[A-Za-z0-9\\\\/\\\\-._~%!$&\'()*+,;=:]+$","type":"string"},"parentRef":{"properties":{"group":{"default":"gateway.networking.k8s.io","maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"default":"Gateway","maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"},"port":{"format":"int32","maximum":65535,"minimum":1,"type":"integer"},"sectionName":{"maxLength":253,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"}},"required":["name"],"type":"object"}},"required":["conditions","controllerName","parentRef"],"type":"object"},"maxItems":32,"type":"array","x-kubernetes-list-type":"atomic"}},"required":["parents"],"type":"object"}},"required":["spec"],"type":"object"}},"subresources":{"status":{}},"additionalPrinterColumns":[{"jsonPath":".spec.hostnames","name":"Hostnames","type":"string"},{"jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1beta1","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"jsonPath":".spec.hostnames","name":"Hostnames","type":"string"},{"jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]}]}}',
    '{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"referencegrants.gateway.networking.k8s.io","annotations":{"api-approved.kubernetes.io":"https://github.com/kubernetes-sigs/gateway-api/pull/4530","gateway.networking.k8s.io/bundle-version":"v1.6.1","gateway.networking.k8s.io/channel":"standard"}},"spec":{"group":"gateway.networking.k8s.io","names":{"categories":["gateway-api"],"kind":"ReferenceGrant","listKind":"ReferenceGrantList","plural":"referencegrants","shortNames":["refgrant"],"singular":"referencegrant"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"spec":{"properties":{"from":{"items":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"namespace":{"maxLength":63,"minLength":1,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","type":"string"}},"required":["group","kind","namespace"],"type":"object"},"maxItems":16,"minItems":1,"type":"array","x-kubernetes-list-type":"atomic"},"to":{"items":{"properties":{"group":{"maxLength":253,"pattern":"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","type":"string"},"kind":{"maxLength":63,"minLength":1,"pattern":"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$","type":"string"},"name":{"maxLength":253,"minLength":1,"type":"string"}},"required":["group","kind"],"type":"object"},"maxItems":16,"minItems":1,"type":"array","x-kubernetes-list-type":"atomic"}},"required":["from","to"],"type":"object"}},"required":["spec"],"type":"object"}},"subresources":{},"additionalPrinterColumns":[{"jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1beta1","served":true,"storage":true,"schema":"v1","subresources":{},"additionalPrinterColumns":[{"jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]}]}}',
];

;// CONCATENATED MODULE: ./src/sim/crds/istio.ts
// Generated by scripts/derive-crds.ts from istio/istio 1.30.3 (56df41f63e513f834c9a3af33d8aed82d1d961f2); do not edit.
// The CRDs the embedded API server installs at start, as JSON (see src/sim/crds/index.ts).
const ISTIO_CRDS = [
    '{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"destinationrules.networking.istio.io","labels":{"app":"istio-pilot","chart":"istio","heritage":"Tiller","release":"istio"},"annotations":{"helm.sh/resource-policy":"keep"}},"spec":{"group":"networking.istio.io","names":{"categories":["istio-io","networking-istio-io"],"kind":"DestinationRule","listKind":"DestinationRuleList","plural":"destinationrules","shortNames":["dr"],"singular":"destinationrule"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"properties":{"spec":{"properties":{"exportTo":{"items":{"type":"string"},"type":"array"},"host":{"type":"string"},"subsets":{"items":{"properties":{"labels":{"additionalProperties":{"type":"string"},"type":"object"},"name":{"type":"string"},"trafficPolicy":{"properties":{"connectionPool":{"properties":{"http":{"properties":{"h2UpgradePolicy":{"enum":["DEFAULT","DO_NOT_UPGRADE","UPGRADE"],"type":"string"},"http1MaxPendingRequests":{"format":"int32","type":"integer"},"http2MaxRequests":{"format":"int32","type":"integer"},"idleTimeout":{"type":"string"},"maxConcurrentStreams":{"format":"int32","type":"integer"},"maxRequestsPerConnection":{"format":"int32","type":"integer"},"maxRetries":{"format":"int32","type":"integer"},"useClientProtocol":{"type":"boolean"}},"type":"object"},"tcp":{"properties":{"connectTimeout":{"type":"string"},"idleTimeout":{"type":"string"},"maxConnectionDuration":{"type":"string"},"maxConnections":{"format":"int32","type":"integer"},"tcpKeepalive":{"properties":{"interval":{"type":"string"},"probes":{"maximum":4294967295,"minimum":0,"type":"integer"},"time":{"type":"string"}},"type":"object"}},"type":"object"}},"type":"object"},"loadBalancer":{"oneOf":[{"not":{"anyOf":[{"required":["simple"]},{"required":["consistentHash"]}]}},{"required":["simple"]},{"required":["consistentHash"]}],"properties":{"consistentHash":{"allOf":[{"oneOf":[{"not":{"anyOf":[{"required":["httpHeaderName"]},{"required":["httpCookie"]},{"required":["useSourceIp"]},{"required":["httpQueryParameterName"]}]}},{"required":["httpHeaderName"]},{"required":["httpCookie"]},{"required":["useSourceIp"]},{"required":["httpQueryParameterName"]}]},{"oneOf":[{"not":{"anyOf":[{"required":["ringHash"]},{"required":["maglev"]}]}},{"required":["ringHash"]},{"required":["maglev"]}]}],"properties":{"httpCookie":{"properties":{"attributes":{"items":{"properties":{"name":{"type":"string"},"value":{"type":"string"}},"required":["name"],"type":"object"},"type":"array"},"name":{"type":"string"},"path":{"type":"string"},"ttl":{"type":"string"}},"required":["name"],"type":"object"},"httpHeaderName":{"type":"string"},"httpQueryParameterName":{"type":"string"},"maglev":{"properties":{"tableSize":{"minimum":0,"type":"integer"}},"type":"object"},"minimumRingSize":{"minimum":0,"type":"integer"},"ringHash":{"properties":{"minimumRingSize":{"minimum":0,"type":"integer"}},"type":"object"},"useSourceIp":{"type":"boolean"}},"type":"object"},"localityLbSetting":{"properties":{"distribute":{"items":{"properties":{"from":{"type":"string"},"to":{"additionalProperties":{"maximum":4294967295,"minimum":0,"type":"integer"},"type":"object"}},"type":"object"},"type":"array"},"enabled":{"nullable":true,"type":"boolean"},"failover":{"items":{"properties":{"from":{"type":"string"},"to":{"type":"string"}},"type":"object"},"type":"array"},"failoverPriority":{"items":{"type":"string"},"type":"array"}},"type":"object"},"simple":{"enum":["UNSPECIFIED","LEAST_CONN","RANDOM","PASSTHROUGH","ROUND_ROBIN","LEAST_REQUEST"],"type":"string"},"warmup":{"properties":{"aggression":{"format":"double","minimum":0,"nullable":true,"type":"number"},"duration":{"type":"string"},"minimumPercent":{"format":"double","maximum":100,"minimum":0,"nullable":true,"type":"number"}},"required":["duration"],"type":"object"},"warmupDurationSecs":{"type":"string"}},"type":"object"},"outlierDetection":{"properties":{"baseEjectionTime":{"type":"string"},"consecutive5xxErrors":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"consecutiveErrors":{"format":"int32","type":"integer"},"consecutiveGatewayErrors":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"consecutiveLocalOriginFailures":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"interval":{"type":"string"},"maxEjectionPercent":{"format":"int32","type":"integer"},"minHealthPercent":{"format":"int32","type":"integer"},"splitExternalLocalOriginErrors":{"type":"boolean"}},"type":"object"},"portLevelSettings":{"items":{"properties":{"connectionPool":{"properties":{"http":{"properties":{"h2UpgradePolicy":{"enum":["DEFAULT","DO_NOT_UPGRADE","UPGRADE"],"type":"string"},"http1MaxPendingRequests":{"format":"int32","type":"integer"},"http2MaxRequests":{"format":"int32","type":"integer"},"idleTimeout":{"type":"string"},"maxConcurrentStreams":{"format":"int32","type":"integer"},"maxRequestsPerConnection":{"format":"int32","type":"integer"},"maxRetries":{"format":"int32","type":"integer"},"useClientProtocol":{"type":"boolean"}},"type":"object"},"tcp":{"properties":{"connectTimeout":{"type":"string"},"idleTimeout":{"type":"string"},"maxConnectionDuration":{"type":"string"},"maxConnections":{"format":"int32","type":"integer"},"tcpKeepalive":{"properties":{"interval":{"type":"string"},"probes":{"maximum":4294967295,"minimum":0,"type":"integer"},"time":{"type":"string"}},"type":"object"}},"type":"object"}},"type":"object"},"loadBalancer":{"oneOf":[{"not":{"anyOf":[{"required":["simple"]},{"required":["consistentHash"]}]}},{"required":["simple"]},{"required":["consistentHash"]}],"properties":{"consistentHash":{"allOf":[{"oneOf":[{"not":{"anyOf":[{"required":["httpHeaderName"]},{"required":["httpCookie"]},{"required":["useSourceIp"]},{"required":["httpQueryParameterName"]}]}},{"required":["httpHeaderName"]},{"required":["httpCookie"]},{"required":["useSourceIp"]},{"required":["httpQueryParameterName"]}]},{"oneOf":[{"not":{"anyOf":[{"required":["ringHash"]},{"required":["maglev"]}]}},{"required":["ringHash"]},{"required":["maglev"]}]}],"properties":{"httpCookie":{"properties":{"attributes":{"items":{"properties":{"name":{"type":"string"},"value":{"type":"string"}},"required":["name"],"type":"object"},"type":"array"},"name":{"type":"string"},"path":{"type":"string"},"ttl":{"type":"string"}},"required":["name"],"type":"object"},"httpHeaderName":{"type":"string"},"httpQueryParameterName":{"type":"string"},"maglev":{"properties":{"tableSize":{"minimum":0,"type":"integer"}},"type":"object"},"minimumRingSize":{"minimum":0,"type":"integer"},"ringHash":{"properties":{"minimumRingSize":{"minimum":0,"type":"integer"}},"type":"object"},"useSourceIp":{"type":"boolean"}},"type":"object"},"localityLbSetting":{"properties":{"distribute":{"items":{"properties":{"from":{"type":"string"},"to":{"additionalProperties":{"maximum":4294967295,"minimum":0,"type":"integer"},"type":"object"}},"type":"object"},"type":"array"},"enabled":{"nullable":true,"type":"boolean"},"failover":{"items":{"properties":{"from":{"type":"string"},"to":{"type":"string"}},"type":"object"},"type":"array"},"failoverPriority":{"items":{"type":"string"},"type":"array"}},"type":"object"},"simple":{"enum":["UNSPECIFIED","LEAST_CONN","RANDOM","PASSTHROUGH","ROUND_ROBIN","LEAST_REQUEST"],"type":"string"},"warmup":{"properties":{"aggression":{"format":"double","minimum":0,"nullable":true,"type":"number"},"duration":{"type":"string"},"minimumPercent":{"format":"double","maximum":100,"minimum":0,"nullable":true,"type":"number"}},"required":["duration"],"type":"object"},"warmupDurationSecs":{"type":"string"}},"type":"object"},"outlierDetection":{"properties":{"baseEjectionTime":{"type":"string"},"consecutive5xxErrors":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"consecutiveErrors":{"format":"int32","type":"integer"},"consecutiveGatewayErrors":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"consecutiveLocalOriginFailures":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"interval":{"type":"string"},"maxEjectionPercent":{"format":"int32","type":"integer"},"minHealthPercent":{"format":"int32","type":"integer"},"splitExternalLocalOriginErrors":{"type":"boolean"}},"type":"object"},"port":{"properties":{"number":{"maximum":4294967295,"minimum":0,"type":"integer"}},"type":"object"},"tls":{"properties":{"caCertificates":{"type":"string"},"caCrl":{"type":"string"},"clientCertificate":{"type":"string"},"credentialName":{"type":"string"},"insecureSkipVerify":{"nullable":true,"type":"boolean"},"mode":{"enum":["DISABLE","SIMPLE","MUTUAL","ISTIO_MUTUAL"],"type":"string"},"privateKey":{"type":"string"},"sni":{"type":"string"},"subjectAltNames":{"items":{"type":"string"},"type":"array"}},"type":"object"}},"type":"object"},"maxItems":4096,"type":"array"},"proxyProtocol":{"properties":{"version":{"enum":["V1","V2"],"type":"string"}},"type":"object"},"retryBudget":{"properties":{"minRetryConcurrency":{"maximum":4294967295,"minimum":0,"type":"integer"},"percent":{"format":"double","maximum":100,"minimum":0,"nullable":true,"type":"number"}},"type":"object"},"tls":{"properties":{"caCertificates":{"type":"string"},"caCrl":{"type":"string"},"clientCertificate":{"type":"string"},"credentialName":{"type":"string"},"insecureSkipVerify":{"nullable":true,"type":"boolean"},"mode":{"enum":["DISABLE","SIMPLE","MUTUAL","ISTIO_MUTUAL"],"type":"string"},"privateKey":{"type":"string"},"sni":{"type":"string"},"subjectAltNames":{"items":{"type":"string"},"type":"array"}},"type":"object"},"tunnel":{"properties":{"protocol":{"type":"string"},"targetHost":{"type":"string"},"targetPort":{"maximum":4294967295,"minimum":0,"type":"integer"}},"required":["targetHost","targetPort"],"type":"object"}},"type":"object"}},"required":["name"],"type":"object"},"type":"array"},"trafficPolicy":{"properties":{"connectionPool":{"properties":{"http":{"properties":{"h2UpgradePolicy":{"enum":["DEFAULT","DO_NOT_UPGRADE","UPGRADE"],"type":"string"},"http1MaxPendingRequests":{"format":"int32","type":"integer"},"http2MaxRequests":{"format":"int32","type":"integer"},"idleTimeout":{"type":"string"},"maxConcurrentStreams":{"format":"int32","type":"integer"},"maxRequestsPerConnection":{"format":"int32","type":"integer"},"maxRetries":{"format":"int32","type":"integer"},"useClientProtocol":{"type":"boolean"}},"type":"object"},"tcp":{"properties":{"connectTimeout":{"type":"string"},"idleTimeout":{"type":"string"},"maxConnectionDuration":{"type":"string"},"maxConnections":{"format":"int32","type":"integer"},"tcpKeepalive":{"properties":{"interval":{"type":"string"},"probes":{"maximum":4294967295,"minimum":0,"type":"integer"},"time":{"type":"string"}},"type":"object"}},"type":"object"}},"type":"object"},"loadBalancer":{"oneOf":[{"not":{"anyOf":[{"required":["simple"]},{"required":["consistentHash"]}]}},{"required":["simple"]},{"required":["consistentHash"]}],"properties":{"consistentHash":{"allOf":[{"oneOf":[{"not":{"anyOf":[{"required":["httpHeaderName"]},{"required":["httpCookie"]},{"required":["useSourceIp"]},{"required":["httpQueryParameterName"]}]}},{"required":["httpHeaderName"]},{"required":["httpCookie"]},{"required":["useSourceIp"]},{"required":["httpQueryParameterName"]}]},{"oneOf":[{"not":{"anyOf":[{"required":["ringHash"]},{"required":["maglev"]}]}},{"required":["ringHash"]},{"required":["maglev"]}]}],"properties":{"httpCookie":{"properties":{"attributes":{"items":{"properties":{"name":{"type":"string"},"value":{"type":"string"}},"required":["name"],"type":"object"},"type":"array"},"name":{"type":"string"},"path":{"type":"string"},"ttl":{"type":"string"}},"required":["name"],"type":"object"},"httpHeaderName":{"type":"string"},"httpQueryParameterName":{"type":"string"},"maglev":{"properties":{"tableSize":{"minimum":0,"type":"integer"}},"type":"object"},"minimumRingSize":{"minimum":0,"type":"integer"},"ringHash":{"properties":{"minimumRingSize":{"minimum":0,"type":"integer"}},"type":"object"},"useSourceIp":{"type":"boolean"}},"type":"object"},"localityLbSetting":{"properties":{"distribute":{"items":{"properties":{"from":{"type":"string"},"to":{"additionalProperties":{"maximum":4294967295,"minimum":0,"type":"integer"},"type":"object"}},"type":"object"},"type":"array"},"enabled":{"nullable":true,"type":"boolean"},"failover":{"items":{"properties":{"from":{"type":"string"},"to":{"type":"string"}},"type":"object"},"type":"array"},"failoverPriority":{"items":{"type":"string"},"type":"array"}},"type":"object"},"simple":{"enum":["UNSPECIFIED","LEAST_CONN","RANDOM","PASSTHROUGH","ROUND_ROBIN","LEAST_REQUEST"],"type":"string"},"warmup":{"properties":{"aggression":{"format":"double","minimum":0,"nullable":true,"type":"number"},"duration":{"type":"string"},"minimumPercent":{"format":"double","maximum":100,"minimum":0,"nullable":true,"type":"number"}},"required":["duration"],"type":"object"},"warmupDurationSecs":{"type":"string"}},"type":"object"},"outlierDetection":{"properties":{"baseEjectionTime":{"type":"string"},"consecutive5xxErrors":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"consecutiveErrors":{"format":"int32","type":"integer"},"consecutiveGatewayErrors":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"consecutiveLocalOriginFailures":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"interval":{"type":"string"},"maxEjectionPercent":{"format":"int32","type":"integer"},"minHealthPercent":{"format":"int32","type":"integer"},"splitExternalLocalOriginErrors":{"type":"boolean"}},"type":"object"},"portLevelSettings":{"items":{"properties":{"connectionPool":{"properties":{"http":{"properties":{"h2UpgradePolicy":{"enum":["DEFAULT","DO_NOT_UPGRADE","UPGRADE"],"type":"string"},"http1MaxPendingRequests":{"format":"int32","type":"integer"},"http2MaxRequests":{"format":"int32","type":"integer"},"idleTimeout":{"type":"string"},"maxConcurrentStreams":{"format":"int32","type":"integer"},"maxRequestsPerConnection":{"format":"int32","type":"integer"},"maxRetries":{"format":"int32","type":"integer"},"useClientProtocol":{"type":"boolean"}},"type":"object"},"tcp":{"properties":{"connectTimeout":{"type":"string"},"idleTimeout":{"type":"string"},"maxConnectionDuration":{"type":"string"},"maxConnections":{"format":"int32","type":"integer"},"tcpKeepalive":{"properties":{"interval":{"type":"string"},"probes":{"maximum":4294967295,"minimum":0,"type":"integer"},"time":{"type":"string"}},"type":"object"}},"type":"object"}},"type":"object"},"loadBalancer":{"oneOf":[{"not":{"anyOf":[{"required":["simple"]},{"required":["consistentHash"]}]}},{"required":["simple"]},{"required":["consistentHash"]}],"properties":{"consistentHash":{"allOf":[{"oneOf":[{"not":{"anyOf":[{"required":["httpHeaderName"]},{"required":["httpCookie"]},{"required":["useSourceIp"]},{"required":["httpQueryParameterName"]}]}},{"required":["httpHeaderName"]},{"required":["httpCookie"]},{"required":["useSourceIp"]},{"required":["httpQueryParameterName"]}]},{"oneOf":[{"not":{"anyOf":[{"required":["ringHash"]},{"required":["maglev"]}]}},{"required":["ringHash"]},{"required":["maglev"]}]}],"properties":{"httpCookie":{"properties":{"attributes":{"items":{"properties":{"name":{"type":"string"},"value":{"type":"string"}},"required":["name"],"type":"object"},"type":"array"},"name":{"type":"string"},"path":{"type":"string"},"ttl":{"type":"string"}},"required":["name"],"type":"object"},"httpHeaderName":{"type":"string"},"httpQueryParameterName":{"type":"string"},"maglev":{"properties":{"tableSize":{"minimum":0,"type":"integer"}},"type":"object"},"minimumRingSize":{"minimum":0,"type":"integer"},"ringHash":{"properties":{"minimumRingSize":{"minimum":0,"type":"integer"}},"type":"object"},"useSourceIp":{"type":"boolean"}},"type":"object"},"localityLbSetting":{"properties":{"distribute":{"items":{"properties":{"from":{"type":"string"},"to":{"additionalProperties":{"maximum":4294967295,"minimum":0,"type":"integer"},"type":"object"}},"type":"object"},"type":"array"},"enabled":{"nullable":true,"type":"boolean"},"failover":{"items":{"properties":{"from":{"type":"string"},"to":{"type":"string"}},"type":"object"},"type":"array"},"failoverPriority":{"items":{"type":"string"},"type":"array"}},"type":"object"},"simple":{"enum":["UNSPECIFIED","LEAST_CONN","RANDOM","PASSTHROUGH","ROUND_ROBIN","LEAST_REQUEST"],"type":"string"},"warmup":{"properties":{"aggression":{"format":"double","minimum":0,"nullable":true,"type":"number"},"duration":{"type":"string"},"minimumPercent":{"format":"double","maximum":100,"minimum":0,"nullable":true,"type":"number"}},"required":["duration"],"type":"object"},"warmupDurationSecs":{"type":"string"}},"type":"object"},"outlierDetection":{"properties":{"baseEjectionTime":{"type":"string"},"consecutive5xxErrors":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"consecutiveErrors":{"format":"int32","type":"integer"},"consecutiveGatewayErrors":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"consecutiveLocalOriginFailures":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"interval":{"type":"string"},"maxEjectionPercent":{"format":"int32","type":"integer"},"minHealthPercent":{"format":"int32","type":"integer"},"splitExternalLocalOriginErrors":{"type":"boolean"}},"type":"object"},"port":{"properties":{"number":{"maximum":4294967295,"minimum":0,"type":"integer"}},"type":"object"},"tls":{"properties":{"caCertificates":{"type":"string"},"caCrl":{"type":"string"},"clientCertificate":{"type":"string"},"credentialName":{"type":"string"},"insecureSkipVerify":{"nullable":true,"type":"boolean"},"mode":{"enum":["DISABLE","SIMPLE","MUTUAL","ISTIO_MUTUAL"],"type":"string"},"privateKey":{"type":"string"},"sni":{"type":"string"},"subjectAltNames":{"items":{"type":"string"},"type":"array"}},"type":"object"}},"type":"object"},"maxItems":4096,"type":"array"},"proxyProtocol":{"properties":{"version":{"enum":["V1","V2"],"type":"string"}},"type":"object"},"retryBudget":{"properties":{"minRetryConcurrency":{"maximum":4294967295,"minimum":0,"type":"integer"},"percent":{"format":"double","maximum":100,"minimum":0,"nullable":true,"type":"number"}},"type":"object"},"tls":{"properties":{"caCertificates":{"type":"string"},"caCrl":{"type":"string"},"clientCertificate":{"type":"string"},"credentialName":{"type":"string"},"insecureSkipVerify":{"nullable":true,"type":"boolean"},"mode":{"enum":["DISABLE","SIMPLE","MUTUAL","ISTIO_MUTUAL"],"type":"string"},"privateKey":{"type":"string"},"sni":{"type":"string"},"subjectAltNames":{"items":{"type":"string"},"type":"array"}},"type":"object"},"tunnel":{"properties":{"protocol":{"type":"string"},"targetHost":{"type":"string"},"targetPort":{"maximum":4294967295,"minimum":0,"type":"integer"}},"required":["targetHost","targetPort"],"type":"object"}},"type":"object"},"workloadSelector":{"properties":{"matchLabels":{"additionalProperties":{"maxLength":63,"type":"string"},"maxProperties":4096,"type":"object"}},"type":"object"}},"required":["host"],"type":"object"},"status":{"properties":{"conditions":{"items":{"properties":{"lastProbeTime":{"format":"date-time","type":"string"},"lastTransitionTime":{"format":"date-time","type":"string"},"message":{"type":"string"},"observedGeneration":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},"reason":{"type":"string"},"status":{"type":"string"},"type":{"type":"string"}},"type":"object"},"type":"array"},"observedGeneration":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},"validationMessages":{"items":{"properties":{"documentationUrl":{"type":"string"},"level":{"enum":["UNKNOWN","ERROR","WARNING","INFO"],"type":"string"},"type":{"properties":{"code":{"type":"string"},"name":{"type":"string"}},"type":"object"}},"type":"object"},"type":"array"}},"type":"object","x-kubernetes-preserve-unknown-fields":true}},"type":"object"}},"subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The name of a service from the service registry","jsonPath":".spec.host","name":"Host","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. For more information, see [Kubernetes API Conventions](https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md#metadata)","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1alpha3","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The name of a service from the service registry","jsonPath":".spec.host","name":"Host","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. For more information, see [Kubernetes API Conventions](https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md#metadata)","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1beta1","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The name of a service from the service registry","jsonPath":".spec.host","name":"Host","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. For more information, see [Kubernetes API Conventions](https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md#metadata)","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]}]}}',
    '{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gateways.networking.istio.io","labels":{"app":"istio-pilot","chart":"istio","heritage":"Tiller","release":"istio"},"annotations":{"helm.sh/resource-policy":"keep"}},"spec":{"group":"networking.istio.io","names":{"categories":["istio-io","networking-istio-io"],"kind":"Gateway","listKind":"GatewayList","plural":"gateways","shortNames":["gw"],"singular":"gateway"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"properties":{"spec":{"properties":{"selector":{"additionalProperties":{"type":"string"},"type":"object"},"servers":{"items":{"properties":{"bind":{"type":"string"},"defaultEndpoint":{"type":"string"},"hosts":{"items":{"type":"string"},"type":"array"},"name":{"type":"string"},"port":{"properties":{"name":{"type":"string"},"number":{"maximum":4294967295,"minimum":0,"type":"integer"},"protocol":{"type":"string"},"targetPort":{"maximum":4294967295,"minimum":0,"type":"integer"}},"required":["number","protocol","name"],"type":"object"},"tls":{"properties":{"caCertCredentialName":{"type":"string"},"caCertificates":{"type":"string"},"caCrl":{"type":"string"},"cipherSuites":{"items":{"type":"string"},"type":"array"},"credentialName":{"type":"string"},"credentialNames":{"items":{"type":"string"},"maxItems":2,"minItems":1,"type":"array"},"httpsRedirect":{"type":"boolean"},"maxProtocolVersion":{"enum":["TLS_AUTO","TLSV1_0","TLSV1_1","TLSV1_2","TLSV1_3"],"type":"string"},"minProtocolVersion":{"enum":["TLS_AUTO","TLSV1_0","TLSV1_1","TLSV1_2","TLSV1_3"],"type":"string"},"mode":{"enum":["PASSTHROUGH","SIMPLE","MUTUAL","AUTO_PASSTHROUGH","ISTIO_MUTUAL","OPTIONAL_MUTUAL"],"type":"string"},"privateKey":{"type":"string"},"serverCertificate":{"type":"string"},"subjectAltNames":{"items":{"type":"string"},"type":"array"},"tlsCertificates":{"items":{"properties":{"caCertificates":{"type":"string"},"privateKey":{"type":"string"},"serverCertificate":{"type":"string"}},"type":"object"},"maxItems":2,"minItems":1,"type":"array"},"verifyCertificateHash":{"items":{"type":"string"},"type":"array"},"verifyCertificateSpki":{"items":{"type":"string"},"type":"array"}},"type":"object"}},"required":["port","hosts"],"type":"object"},"type":"array"}},"type":"object"},"status":{"properties":{"conditions":{"items":{"properties":{"lastProbeTime":{"format":"date-time","type":"string"},"lastTransitionTime":{"format":"date-time","type":"string"},"message":{"type":"string"},"observedGeneration":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},"reason":{"type":"string"},"status":{"type":"string"},"type":{"type":"string"}},"type":"object"},"type":"array"},"observedGeneration":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},"validationMessages":{"items":{"properties":{"documentationUrl":{"type":"string"},"level":{"enum":["UNKNOWN","ERROR","WARNING","INFO"],"type":"string"},"type":{"properties":{"code":{"type":"string"},"name":{"type":"string"}},"type":"object"}},"type":"object"},"type":"array"}},"type":"object","x-kubernetes-preserve-unknown-fields":true}},"type":"object"}},"subresources":{"status":{}}},{"name":"v1alpha3","served":true,"storage":false,"schema":"v1","subresources":{"status":{}}},{"name":"v1beta1","served":true,"storage":false,"schema":"v1","subresources":{"status":{}}}]}}',
    '{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"serviceentries.networking.istio.io","labels":{"app":"istio-pilot","chart":"istio","heritage":"Tiller","release":"istio"},"annotations":{"helm.sh/resource-policy":"keep"}},"spec":{"group":"networking.istio.io","names":{"categories":["istio-io","networking-istio-io"],"kind":"ServiceEntry","listKind":"ServiceEntryList","plural":"serviceentries","shortNames":["se"],"singular":"serviceentry"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"properties":{"spec":{"properties":{"addresses":{"items":{"maxLength":64,"type":"string"},"maxItems":256,"type":"array"},"endpoints":{"items":{"properties":{"address":{"maxLength":256,"type":"string"},"labels":{"additionalProperties":{"type":"string"},"maxProperties":256,"type":"object"},"locality":{"maxLength":2048,"type":"string"},"network":{"maxLength":2048,"type":"string"},"ports":{"additionalProperties":{"maximum":4294967295,"minimum":0,"type":"integer"},"maxProperties":128,"type":"object"},"serviceAccount":{"maxLength":253,"type":"string"},"weight":{"maximum":4294967295,"minimum":0,"type":"integer"}},"type":"object"},"maxItems":4096,"type":"array"},"exportTo":{"items":{"type":"string"},"type":"array"},"hosts":{"items":{"type":"string"},"maxItems":256,"minItems":1,"type":"array"},"location":{"enum":["MESH_EXTERNAL","MESH_INTERNAL"],"type":"string"},"ports":{"items":{"properties":{"name":{"maxLength":256,"type":"string"},"number":{"maximum":4294967295,"minimum":0,"type":"integer"},"protocol":{"maxLength":256,"type":"string"},"targetPort":{"maximum":4294967295,"minimum":0,"type":"integer"}},"required":["number","name"],"type":"object"},"maxItems":256,"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map"},"resolution":{"enum":["NONE","STATIC","DNS","DNS_ROUND_ROBIN","DYNAMIC_DNS"],"type":"string"},"subjectAltNames":{"items":{"type":"string"},"type":"array"},"workloadSelector":{"properties":{"labels":{"additionalProperties":{"maxLength":63,"type":"string"},"maxProperties":256,"type":"object"}},"type":"object"}},"required":["hosts"],"type":"object"},"status":{"properties":{"conditions":{"items":{"properties":{"lastProbeTime":{"format":"date-time","type":"string"},"lastTransitionTime":{"format":"date-time","type":"string"},"message":{"type":"string"},"observedGeneration":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},"reason":{"type":"string"},"status":{"type":"string"},"type":{"type":"string"}},"type":"object"},"type":"array"},"observedGeneration":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},"validationMessages":{"items":{"properties":{"documentationUrl":{"type":"string"},"level":{"enum":["UNKNOWN","ERROR","WARNING","INFO"],"type":"string"},"type":{"properties":{"code":{"type":"string"},"name":{"type":"string"}},"type":"object"}},"type":"object"},"type":"array"}},"type":"object","x-kubernetes-preserve-unknown-fields":true}},"required":["spec"],"type":"object"}},"subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The hosts associated with the ServiceEntry","jsonPath":".spec.hosts","name":"Hosts","type":"string"},{"description":"Whether the service is external to the mesh or part of the mesh (MESH_EXTERNAL or MESH_INTERNAL)","jsonPath":".spec.location","name":"Location","type":"string"},{"description":"Service resolution mode for the hosts (NONE, STATIC, or DNS)","jsonPath":".spec.resolution","name":"Resolution","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md#metadata","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1alpha3","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The hosts associated with the ServiceEntry","jsonPath":".spec.hosts","name":"Hosts","type":"string"},{"description":"Whether the service is external to the mesh or part of the mesh (MESH_EXTERNAL or MESH_INTERNAL)","jsonPath":".spec.location","name":"Location","type":"string"},{"description":"Service resolution mode for the hosts (NONE, STATIC, or DNS)","jsonPath":".spec.resolution","name":"Resolution","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md#metadata","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1beta1","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The hosts associated with the ServiceEntry","jsonPath":".spec.hosts","name":"Hosts","type":"string"},{"description":"Whether the service is external to the mesh or part of the mesh (MESH_EXTERNAL or MESH_INTERNAL)","jsonPath":".spec.location","name":"Location","type":"string"},{"description":"Service resolution mode for the hosts (NONE, STATIC, or DNS)","jsonPath":".spec.resolution","name":"Resolution","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md#metadata","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]}]}}',
    '{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"virtualservices.networking.istio.io","labels":{"app":"istio-pilot","chart":"istio","heritage":"Tiller","release":"istio"},"annotations":{"helm.sh/resource-policy":"keep"}},"spec":{"group":"networking.istio.io","names":{"categories":["istio-io","networking-istio-io"],"kind":"VirtualService","listKind":"VirtualServiceList","plural":"virtualservices","shortNames":["vs"],"singular":"virtualservice"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"properties":{"spec":{"properties":{"exportTo":{"items":{"type":"string"},"type":"array"},"gateways":{"items":{"type":"string"},"type":"array"},"hosts":{"items":{"type":"string"},"type":"array"},"http":{"items":{"properties":{"corsPolicy":{"properties":{"allowCredentials":{"nullable":true,"type":"boolean"},"allowHeaders":{"items":{"type":"string"},"type":"array"},"allowMethods":{"items":{"type":"string"},"type":"array"},"allowOrigin":{"items":{"type":"string"},"type":"array"},"allowOrigins":{"items":{"oneOf":[{"not":{"anyOf":[{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}]}},{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}],"properties":{"exact":{"type":"string"},"prefix":{"type":"string"},"regex":{"type":"string"}},"type":"object"},"type":"array"},"exposeHeaders":{"items":{"type":"string"},"type":"array"},"maxAge":{"type":"string"},"unmatchedPreflights":{"enum":["UNSPECIFIED","FORWARD","IGNORE"],"type":"string"}},"type":"object"},"delegate":{"properties":{"name":{"type":"string"},"namespace":{"type":"string"}},"type":"object"},"directResponse":{"properties":{"body":{"oneOf":[{"not":{"anyOf":[{"required":["string"]},{"required":["bytes"]}]}},{"required":["string"]},{"required":["bytes"]}],"properties":{"bytes":{"format":"byte","type":"string"},"string":{"type":"string"}},"type":"object"},"status":{"maximum":4294967295,"minimum":0,"type":"integer"}},"required":["status"],"type":"object"},"fault":{"properties":{"abort":{"oneOf":[{"not":{"anyOf":[{"required":["httpStatus"]},{"required":["grpcStatus"]},{"required":["http2Error"]}]}},{"required":["httpStatus"]},{"required":["grpcStatus"]},{"required":["http2Error"]}],"properties":{"grpcStatus":{"type":"string"},"http2Error":{"type":"string"},"httpStatus":{"format":"int32","type":"integer"},"percentage":{"properties":{"value":{"format":"double","type":"number"}},"type":"object"}},"type":"object"},"delay":{"oneOf":[{"not":{"anyOf":[{"required":["fixedDelay"]},{"required":["exponentialDelay"]}]}},{"required":["fixedDelay"]},{"required":["exponentialDelay"]}],"properties":{"exponentialDelay":{"type":"string"},"fixedDelay":{"type":"string"},"percent":{"format":"int32","type":"integer"},"percentage":{"properties":{"value":{"format":"double","type":"number"}},"type":"object"}},"type":"object"}},"type":"object"},"headers":{"properties":{"request":{"properties":{"add":{"additionalProperties":{"type":"string"},"type":"object"},"remove":{"items":{"type":"string"},"type":"array"},"set":{"additionalProperties":{"type":"string"},"type":"object"}},"type":"object"},"response":{"properties":{"add":{"additionalProperties":{"type":"string"},"type":"object"},"remove":{"items":{"type":"string"},"type":"array"},"set":{"additionalProperties":{"type":"string"},"type":"object"}},"type":"object"}},"type":"object"},"match":{"items":{"properties":{"authority":{"oneOf":[{"not":{"anyOf":[{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}]}},{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}],"properties":{"exact":{"type":"string"},"prefix":{"type":"string"},"regex":{"type":"string"}},"type":"object"},"gateways":{"items":{"type":"string"},"type":"array"},"headers":{"additionalProperties":{"oneOf":[{"not":{"anyOf":[{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}]}},{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}],"properties":{"exact":{"type":"string"},"prefix":{"type":"string"},"regex":{"type":"string"}},"type":"object"},"type":"object"},"ignoreUriCase":{"type":"boolean"},"method":{"oneOf":[{"not":{"anyOf":[{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}]}},{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}],"properties":{"exact":{"type":"string"},"prefix":{"type":"string"},"regex":{"type":"string"}},"type":"object"},"name":{"type":"string"},"port":{"maximum":4294967295,"minimum":0,"type":"integer"},"queryParams":{"additionalProperties":{"oneOf":[{"not":{"anyOf":[{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}]}},{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}],"properties":{"exact":{"type":"string"},"prefix":{"type":"string"},"regex":{"type":"string"}},"type":"object"},"type":"object"},"scheme":{"oneOf":[{"not":{"anyOf":[{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}]}},{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}],"properties":{"exact":{"type":"string"},"prefix":{"type":"string"},"regex":{"type":"string"}},"type":"object"},"sourceLabels":{"additionalProperties":{"type":"string"},"type":"object"},"sourceNamespace":{"type":"string"},"statPrefix":{"type":"string"},"uri":{"oneOf":[{"not":{"anyOf":[{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}]}},{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}],"properties":{"exact":{"type":"string"},"prefix":{"type":"string"},"regex":{"type":"string"}},"type":"object"},"withoutHeaders":{"additionalProperties":{"oneOf":[{"not":{"anyOf":[{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}]}},{"required":["exact"]},{"required":["prefix"]},{"required":["regex"]}],"properties":{"exact":{"type":"string"},"prefix":{"type":"string"},"regex":{"type":"string"}},"type":"object"},"type":"object"}},"type":"object"},"type":"array"},"mirror":{"properties":{"host":{"type":"string"},"port":{"properties":{"number":{"maximum":4294967295,"minimum":0,"type":"integer"}},"type":"object"},"subset":{"type":"string"}},"required":["host"],"type":"object"},"mirror_percent":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"mirrorPercent":{"maximum":4294967295,"minimum":0,"nullable":true,"type":"integer"},"mirrorPercentage":{"properties":{"value":{"format":"double","type":"number"}},"type":"object"},"mirrors":{"items":{"properties":{"destination":{"properties":{"host":{"type":"string"},"port":{"properties":{"number":{"maximum":4294967295,"minimum":0,"type":"integer"}},"type":"object"},"subset":{"type":"string"}},"required":["host"],"type":"object"},"percentage":{"properties":{"value":{"format":"double","type":"number"}},"type":"object"}},"required":["destination"],"type":"object"},"type":"array"},"name":{"type":"string"},"redirect":{"oneOf":[{"not":{"anyOf":[{"required":["port"]},{"required":["derivePort"]}]}},{"required":["port"]},{"required":["derivePort"]}],"properties":{"authority":{"type":"string"},"derivePort":{"enum":["FROM_PROTOCOL_DEFAULT","FROM_REQUEST_PORT"],"type":"string"},"port":{"maximum":4294967295,"minimum":0,"type":"integer"},"redirectCode":{"maximum":4294967295,"minimum":0,"type":"integer"},"scheme":{"type":"string"},"uri":{"type":"string"}},"type":"object"},"retries":{"properties":{"attempts":{"format":"int32","type":"integer"},"backoff":{"type":"string"},"perTryTimeout":{"type":"string"},"retryIgnorePreviousHosts":{"nullable":true,"type":"boolean"},"retryOn":{"type":"string"},"retryRemoteLocalities":{"nullable":true,"type":"boolean"}},"type":"object"},"rewrite":{"properties":{"authority":{"type":"string"},"uri":{"type":"string"},"uriRegexRewrite":{"properties":{"match":{"type":"string"},"rewrite":{"type":"string"}},"type":"object"}},"type":"object"},"route":{"items":{"properties":{"destination":{"properties":{"host":{"type":"string"},"port":{"properties":{"number":{"maximum":4294967295,"minimum":0,"type":"integer"}},"type":"object"},"subset":{"type":"string"}},"required":["host"],"type":"object"},"headers":{"properties":{"request":{"properties":{"add":{"additionalProperties":{"type":"string"},"type":"object"},"remove":{"items":{"type":"string"},"type":"array"},"set":{"additionalProperties":{"type":"string"},"type":"object"}},"type":"object"},"response":{"properties":{"add":{"additionalProperties":{"type":"string"},"type":"object"},"remove":{"items":{"type":"string"},"type":"array"},"set":{"additionalProperties":{"type":"string"},"type":"object"}},"type":"object"}},"type":"object"},"weight":{"format":"int32","type":"integer"}},"required":["destination"],"type":"object"},"type":"array"},"timeout":{"type":"string"}},"type":"object"},"type":"array"},"tcp":{"items":{"properties":{"match":{"items":{"properties":{"destinationSubnets":{"items":{"type":"string"},"type":"array"},"gateways":{"items":{"type":"string"},"type":"array"},"port":{"maximum":4294967295,"minimum":0,"type":"integer"},"sourceLabels":{"additionalProperties":{"type":"string"},"type":"object"},"sourceNamespace":{"type":"string"},"sourceSubnet":{"type":"string"}},"type":"object"},"type":"array"},"route":{"items":{"properties":{"destination":{"properties":{"host":{"type":"string"},"port":{"properties":{"number":{"maximum":4294967295,"minimum":0,"type":"integer"}},"type":"object"},"subset":{"type":"string"}},"required":["host"],"type":"object"},"weight":{"format":"int32","type":"integer"}},"required":["destination"],"type":"object"},"type":"array"}},"type":"object"},"type":"array"},"tls":{"items":{"properties":{"match":{"items":{"properties":{"destinationSubnets":{"items":{"type":"string"},"type":"array"},"gateways":{"items":{"type":"string"},"type":"array"},"port":{"maximum":4294967295,"minimum":0,"type":"integer"},"sniHosts":{"items":{"type":"string"},"type":"array"},"sourceLabels":{"additionalProperties":{"type":"string"},"type":"object"},"sourceNamespace":{"type":"string"}},"required":["sniHosts"],"type":"object"},"type":"array"},"route":{"items":{"properties":{"destination":{"properties":{"host":{"type":"string"},"port":{"properties":{"number":{"maximum":4294967295,"minimum":0,"type":"integer"}},"type":"object"},"subset":{"type":"string"}},"required":["host"],"type":"object"},"weight":{"format":"int32","type":"integer"}},"required":["destination"],"type":"object"},"type":"array"}},"required":["match"],"type":"object"},"type":"array"}},"type":"object"},"status":{"properties":{"conditions":{"items":{"properties":{"lastProbeTime":{"format":"date-time","type":"string"},"lastTransitionTime":{"format":"date-time","type":"string"},"message":{"type":"string"},"observedGeneration":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},"reason":{"type":"string"},"status":{"type":"string"},"type":{"type":"string"}},"type":"object"},"type":"array"},"observedGeneration":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},"validationMessages":{"items":{"properties":{"documentationUrl":{"type":"string"},"level":{"enum":["UNKNOWN","ERROR","WARNING","INFO"],"type":"string"},"type":{"properties":{"code":{"type":"string"},"name":{"type":"string"}},"type":"object"}},"type":"object"},"type":"array"}},"type":"object","x-kubernetes-preserve-unknown-fields":true}},"type":"object"}},"subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The names of gateways and sidecars that should apply these routes","jsonPath":".spec.gateways","name":"Gateways","type":"string"},{"description":"The destination hosts to which traffic is being sent","jsonPath":".spec.hosts","name":"Hosts","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md#metadata","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1alpha3","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The names of gateways and sidecars that should apply these routes","jsonPath":".spec.gateways","name":"Gateways","type":"string"},{"description":"The destination hosts to which traffic is being sent","jsonPath":".spec.hosts","name":"Hosts","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md#metadata","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]},{"name":"v1beta1","served":true,"storage":false,"schema":"v1","subresources":{"status":{}},"additionalPrinterColumns":[{"description":"The names of gateways and sidecars that should apply these routes","jsonPath":".spec.gateways","name":"Gateways","type":"string"},{"description":"The destination hosts to which traffic is being sent","jsonPath":".spec.hosts","name":"Hosts","type":"string"},{"description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC. Populated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md#metadata","jsonPath":".metadata.creationTimestamp","name":"Age","type":"date"}]}]}}',
];

;// CONCATENATED MODULE: ./src/sim/crds/index.ts
// The CRDs the embedded API server preinstalls: Istio's networking CRDs and the Gateway API's
// standard ones, derived from the projects' published YAML by scripts/derive-crds.ts (the same
// text the conformance suite applies to a real kube-apiserver). Kept as TypeScript string modules
// so the ncc bundle carries them without reading files at run time.


const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** One generated CRD: a version whose `schema` is a version name shares that version's schema. */
function expand(text) {
    const crd = JSON.parse(text);
    const spec = isObj(crd['spec']) ? crd['spec'] : {};
    const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isObj) : [];
    for (const v of versions) {
        if (typeof v['schema'] !== 'string')
            continue;
        const from = versions.find((w) => w['name'] === v['schema']);
        v['schema'] = structuredClone(from?.['schema']);
    }
    return crd;
}
/** Fresh copies of the preinstalled CRD objects (Istio first, then the Gateway API). */
function preinstalledCrds() {
    return [...ISTIO_CRDS, ...GATEWAY_API_CRDS].map(expand);
}

;// CONCATENATED MODULE: ./src/sim/api/resources.ts
// The resource types the server knows: built-in kinds plus one type per served CRD.
// Istio's networking CRDs and the Gateway API's are preinstalled as real CRD objects (their
// published schemas, see src/sim/crds/), so discovery, conversion between served versions,
// pruning, validation and deletion behave exactly like any other CRD.


const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
function builtin(p) {
    const version = p.versions?.[0] ?? 'v1';
    return {
        versions: [version],
        storageVersion: version,
        listKind: `${p.kind}List`,
        namespaced: true,
        shortNames: [],
        categories: [],
        verbs: ALL,
        status: false,
        scale: false,
        builtIn: true,
        generation: false,
        stored: true,
        printerColumns: [],
        nameRule: 'subdomain',
        ...p,
    };
}
const BUILTINS = [
    builtin({
        group: '',
        resource: 'namespaces',
        singular: 'namespace',
        kind: 'Namespace',
        namespaced: false,
        shortNames: ['ns'],
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
        status: true,
        nameRule: 'label',
        printerColumns: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }],
    }),
    builtin({
        group: '',
        resource: 'services',
        singular: 'service',
        kind: 'Service',
        shortNames: ['svc'],
        categories: ['all'],
        status: true,
        nameRule: 'dns1035',
        printerColumns: [
            { name: 'Type', type: 'string', jsonPath: '.spec.type' },
            { name: 'Cluster-IP', type: 'string', jsonPath: '.spec.clusterIP' },
        ],
    }),
    builtin({
        group: '',
        resource: 'configmaps',
        singular: 'configmap',
        kind: 'ConfigMap',
        shortNames: ['cm'],
    }),
    builtin({ group: '', resource: 'secrets', singular: 'secret', kind: 'Secret' }),
    builtin({
        group: '',
        resource: 'pods',
        singular: 'pod',
        kind: 'Pod',
        shortNames: ['po'],
        categories: ['all'],
        // Simulated pods belong to the Deployment controller: read and delete only.
        verbs: ['delete', 'get', 'list', 'watch'],
    }),
    builtin({ group: '', resource: 'events', singular: 'event', kind: 'Event', shortNames: ['ev'] }),
    builtin({
        group: 'apps',
        resource: 'deployments',
        singular: 'deployment',
        kind: 'Deployment',
        shortNames: ['deploy'],
        categories: ['all'],
        status: true,
        scale: true,
        generation: true,
        printerColumns: [
            { name: 'Ready', type: 'string', jsonPath: '.status.readyReplicas' },
            { name: 'Up-to-date', type: 'integer', jsonPath: '.status.updatedReplicas' },
            { name: 'Available', type: 'integer', jsonPath: '.status.availableReplicas' },
        ],
    }),
    builtin({ group: 'coordination.k8s.io', resource: 'leases', singular: 'lease', kind: 'Lease' }),
    builtin({
        group: 'apiextensions.k8s.io',
        resource: 'customresourcedefinitions',
        singular: 'customresourcedefinition',
        kind: 'CustomResourceDefinition',
        namespaced: false,
        shortNames: ['crd', 'crds'],
        categories: ['api-extensions'],
        status: true,
        generation: true,
        printerColumns: [{ name: 'Created At', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
    }),
    builtin({
        group: 'authorization.k8s.io',
        resource: 'selfsubjectaccessreviews',
        singular: 'selfsubjectaccessreview',
        kind: 'SelfSubjectAccessReview',
        namespaced: false,
        verbs: ['create'],
        stored: false,
    }),
];
/** The resource type a CRD object defines, or undefined while it serves no version. */
function typeFromCrd(crd) {
    const spec = isObject(crd['spec']) ? crd['spec'] : {};
    const names = isObject(spec['names']) ? spec['names'] : {};
    const versions = (Array.isArray(spec['versions']) ? spec['versions'] : []).filter(isObject);
    const served = versions.filter((v) => v['served'] !== false);
    if (served.length === 0 || typeof spec['group'] !== 'string' || typeof names['plural'] !== 'string')
        return undefined;
    const storage = versions.find((v) => v['storage'] === true) ?? served[0];
    const sub = isObject(storage?.['subresources']) ? storage['subresources'] : {};
    const cols = (Array.isArray(storage?.['additionalPrinterColumns']) ? storage['additionalPrinterColumns'] : [])
        .filter(isObject)
        .map((c) => ({
        name: str(c['name'] ?? ''),
        type: str(c['type'] ?? 'string'),
        jsonPath: str(c['jsonPath'] ?? ''),
        description: typeof c['description'] === 'string' ? c['description'] : undefined,
        priority: typeof c['priority'] === 'number' ? c['priority'] : 0,
    }));
    const kind = str(names['kind'] ?? '');
    const schema = isObject(storage?.['schema']) ? storage['schema']['openAPIV3Schema'] : undefined;
    return {
        group: spec['group'],
        versions: sortVersions(served.map((v) => str(v['name']))),
        storageVersion: str(storage?.['name'] ?? served[0]?.['name']),
        resource: names['plural'],
        singular: typeof names['singular'] === 'string' ? names['singular'] : kind.toLowerCase(),
        kind,
        listKind: typeof names['listKind'] === 'string' ? names['listKind'] : `${kind}List`,
        namespaced: spec['scope'] !== 'Cluster',
        shortNames: Array.isArray(names['shortNames']) ? names['shortNames'].map(String) : [],
        categories: Array.isArray(names['categories']) ? names['categories'].map(String) : [],
        verbs: ALL,
        status: isObject(sub['status']),
        scale: isObject(sub['scale']),
        builtIn: false,
        generation: true,
        stored: true,
        printerColumns: cols.length > 0 ? cols : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
        nameRule: 'subdomain',
        ...(isObject(schema) ? { schema } : {}),
    };
}
/** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
function sortVersions(vs) {
    const rank = (v) => {
        const m = v.match(/^v(\d+)(?:(alpha|beta)(\d+))?$/);
        if (!m)
            return [3, 0, 0];
        const level = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
        return [level, -Number(m[1]), -Number(m[3] ?? 0)];
    };
    return [...vs].sort((a, b) => {
        const ra = rank(a);
        const rb = rank(b);
        return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b);
    });
}
/** The CRDs installed at start: Istio's networking kinds and the Gateway API's standard ones. */
function resources_preinstalledCrds() {
    return preinstalledCrds();
}

;// CONCATENATED MODULE: ./src/sim/api/store.ts
// In-memory object storage with one global resourceVersion counter and a bounded event log
// that watches replay from (older resourceVersions get 410 Expired, like a compacted etcd).

function metaOf(o) {
    return isObject(o['metadata']) ? o['metadata'] : {};
}
class Store {
    capacity;
    rv = 1;
    data = new Map();
    log = [];
    /** Every event with rv <= compacted is gone from the log. */
    compacted = 0;
    listeners = new Set();
    constructor(capacity) {
        this.capacity = capacity;
    }
    get resourceVersion() {
        return this.rv;
    }
    get compactedRevision() {
        return this.compacted;
    }
    bucket(key) {
        let b = this.data.get(key);
        if (!b) {
            b = new Map();
            this.data.set(key, b);
        }
        return b;
    }
    get(key, namespace, name) {
        return this.data.get(key)?.get(`${namespace}/${name}`);
    }
    /** Objects sorted by namespace then name, as etcd key order gives them. */
    list(key, namespace) {
        const b = this.data.get(key);
        if (!b)
            return [];
        const out = [];
        for (const [k, v] of b)
            if (namespace === undefined || k.startsWith(`${namespace}/`))
                out.push([k, v]);
        return out.sort((a, b2) => (a[0] < b2[0] ? -1 : a[0] > b2[0] ? 1 : 0)).map(([, v]) => v);
    }
    keys() {
        return [...this.data.keys()];
    }
    /** Store a new version (sets metadata.resourceVersion) and publish its event. */
    put(key, obj, type) {
        const meta = metaOf(obj);
        const ns = typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
        const name = str(meta['name']);
        const prev = this.get(key, ns, name);
        this.rv += 1;
        meta['resourceVersion'] = str(this.rv);
        obj['metadata'] = meta;
        this.bucket(key).set(`${ns}/${name}`, obj);
        this.publish({ type, rv: this.rv, key, namespace: ns, object: obj, prev });
        return obj;
    }
    remove(key, namespace, name) {
        const cur = this.get(key, namespace, name);
        if (!cur)
            return undefined;
        this.data.get(key)?.delete(`${namespace}/${name}`);
        this.rv += 1;
        const gone = { ...cur, metadata: { ...metaOf(cur), resourceVersion: str(this.rv) } };
        this.publish({ type: 'DELETED', rv: this.rv, key, namespace, object: gone, prev: cur });
        return gone;
    }
    publish(e) {
        this.log.push(e);
        while (this.log.length > this.capacity) {
            const dropped = this.log.shift();
            if (dropped)
                this.compacted = dropped.rv;
        }
        for (const l of [...this.listeners])
            l(e);
    }
    /** Events after `rv`, or 'expired' when some of them were already compacted away. */
    since(rv) {
        if (rv < this.compacted)
            return 'expired';
        return this.log.filter((e) => e.rv > rv);
    }
    subscribe(fn) {
        this.listeners.add(fn);
        return () => this.listeners.delete(fn);
    }
}

;// CONCATENATED MODULE: ./src/sim/api/faults.ts
// Fault injection for reliability tests, changeable while the server runs. Random faults draw
// from a seeded generator so a failing test replays the same sequence.
const DEFAULT_USER = 'system:serviceaccount:ci:deployer';
/** mulberry32: tiny, seedable, good enough to decide which request fails. */
function rng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
class Faults {
    settings = Faults.defaults();
    random;
    conflicts = [];
    fails = [];
    forbidden = new Set();
    /** The user named in RBAC 403 messages. */
    user = DEFAULT_USER;
    constructor(seed = 1) {
        this.random = rng(seed);
    }
    static defaults() {
        return {
            errorRate: 0,
            errorCodes: [500, 503],
            errorVerbs: [],
            throttleRate: 0,
            throttleVerbs: [],
            retryAfterSeconds: 1,
            latencyMs: 0,
            dropWatchesAfterMs: 0,
        };
    }
    get current() {
        return this.settings;
    }
    /** Change some settings; the others keep their value. */
    set(partial) {
        this.settings = { ...this.settings, ...partial };
    }
    seed(seed) {
        this.random = rng(seed);
    }
    /** The next `count` requests with one of `verbs` (all when empty) fail with `status`. */
    failNext(count, status, verbs = []) {
        this.fails.push({ status, verbs, remaining: count });
    }
    /** The next `count` updates/patches of `resource` (plural, e.g. virtualservices), optionally only `name`, answer 409 Conflict. */
    injectConflicts(resource, count, name) {
        this.conflicts.push({ resource, name, remaining: count });
    }
    /** RBAC denies `verb` on group/resource (group '' for core) until allow() or reset(). */
    forbid(verb, group, resource) {
        this.forbidden.add(`${verb}|${group}|${resource}`);
    }
    allow(verb, group, resource) {
        this.forbidden.delete(`${verb}|${group}|${resource}`);
    }
    isForbidden(verb, group, resource) {
        return this.forbidden.has(`${verb}|${group}|${resource}`);
    }
    reset() {
        this.settings = Faults.defaults();
        this.conflicts.length = 0;
        this.fails.length = 0;
        this.forbidden.clear();
    }
    /** Decide the fate of one resource request (consumes counted rules and random draws). */
    decide(verb, group, resource) {
        if (this.isForbidden(verb, group, resource))
            return { kind: 'forbidden' };
        const rule = this.fails.find((f) => f.remaining > 0 && (f.verbs.length === 0 || f.verbs.includes(verb)));
        if (rule) {
            rule.remaining -= 1;
            return rule.status === 429
                ? { kind: 'throttle', retryAfterSeconds: this.settings.retryAfterSeconds }
                : { kind: 'error', code: rule.status };
        }
        const s = this.settings;
        if (s.throttleRate > 0 &&
            (s.throttleVerbs.length === 0 || s.throttleVerbs.includes(verb)) &&
            this.random() < s.throttleRate) {
            return { kind: 'throttle', retryAfterSeconds: s.retryAfterSeconds };
        }
        if (s.errorRate > 0 &&
            (s.errorVerbs.length === 0 || s.errorVerbs.includes(verb)) &&
            this.random() < s.errorRate) {
            const codes = s.errorCodes.length > 0 ? s.errorCodes : [500];
            const code = codes[Math.floor(this.random() * codes.length)] ?? 500;
            return { kind: 'error', code };
        }
        return { kind: 'none' };
    }
    /** True when this write must answer an injected 409 Conflict. */
    takeConflict(resource, name) {
        const rule = this.conflicts.find((c) => c.remaining > 0 && c.resource === resource && (c.name === undefined || c.name === name));
        if (!rule)
            return false;
        rule.remaining -= 1;
        return true;
    }
}

;// CONCATENATED MODULE: ./src/sim/api/fieldset.ts
// Field sets as structured-merge-diff (and so managedFields.fieldsV1) describe them.
// A path is a list of elements: "f:<field>", "k:<json key object>", "v:<json value>", "i:<index>".
// A set is stored as serialized paths; a path present with children is rendered with ".".

const SEP = '\u0000';
const encode = (p) => p.join(SEP);
const decode = (s) => (s === '' ? [] : s.split(SEP));
/** The field names of a path, list items skipped: the key used by Schema lookups. */
function fieldNames(p) {
    return p.filter((e) => e.startsWith('f:')).map((e) => e.slice(2));
}
function keyOf(item, keys, schema, names) {
    const o = {};
    const src = isObject(item) ? item : {};
    for (const k of [...keys].sort()) {
        const v = src[k] ?? schema.keyDefault(names, k);
        if (v !== undefined)
            o[k] = v;
    }
    return `k:${JSON.stringify(o)}`;
}
/** Fields stripped from every set, as the real field manager does. */
function stripped(p) {
    if (p.length === 1)
        return p[0] === 'f:apiVersion' || p[0] === 'f:kind';
    if (p[0] !== 'f:metadata' || p.length !== 2)
        return false;
    return [
        'f:name',
        'f:namespace',
        'f:uid',
        'f:resourceVersion',
        'f:generation',
        'f:creationTimestamp',
        'f:managedFields',
        'f:selfLink',
        'f:deletionTimestamp',
        'f:deletionGracePeriodSeconds',
    ].includes(p[1] ?? '');
}
/** Every field an applied configuration (or a freshly created object) specifies. */
function toSet(value, opts, prefix = [], out = new Set()) {
    walk(value, prefix, opts, out, true);
    for (const s of [...out])
        if (stripped(decode(s)))
            out.delete(s);
    return out;
}
function walk(value, path, opts, out, isRoot) {
    const names = fieldNames(path);
    if (isObject(value) && !opts.schema.atomic(names) && (Object.keys(value).length > 0 || isRoot)) {
        if (!isRoot && ((opts.markMaps && opts.schema.isMap(names)) || opts.schema.markOnApply?.(names) === true))
            out.add(encode(path));
        for (const [k, v] of Object.entries(value)) {
            if (v === null && !isRoot)
                continue;
            walk(v, [...path, `f:${k}`], opts, out, false);
        }
        return;
    }
    if (Array.isArray(value)) {
        const lt = opts.schema.list(names);
        // Update operations own a list they create as a node too (".").
        if (lt.type !== 'atomic' && opts.markMaps && !isRoot && value.length > 0 && !opts.schema.required(names))
            out.add(encode(path));
        if (lt.type === 'map') {
            for (const item of value) {
                const ip = [...path, keyOf(item, lt.keys, opts.schema, names)];
                out.add(encode(ip));
                if (isObject(item))
                    for (const [k, v] of Object.entries(item))
                        if (v !== null)
                            walk(v, [...ip, `f:${k}`], opts, out, false);
            }
            return;
        }
        if (lt.type === 'set') {
            for (const item of value)
                out.add(encode([...path, `v:${JSON.stringify(item)}`]));
            return;
        }
    }
    if (!isRoot)
        out.add(encode(path));
}
/** The fields an update changed or added (what the updating manager comes to own). */
function diffSet(oldV, newV, opts, path = [], out = new Set()) {
    const names = fieldNames(path);
    if (oldV === undefined) {
        walk(newV, path, opts, out, path.length === 0);
    }
    else if (isObject(newV) && isObject(oldV) && !opts.schema.atomic(names)) {
        for (const [k, v] of Object.entries(newV)) {
            if (v === null)
                continue;
            diffSet(oldV[k] ?? undefined, v, opts, [...path, `f:${k}`], out);
        }
    }
    else if (Array.isArray(newV) && Array.isArray(oldV) && opts.schema.list(names).type !== 'atomic') {
        const lt = opts.schema.list(names);
        if (lt.type === 'map') {
            const olds = new Map(oldV.map((i) => [keyOf(i, lt.keys, opts.schema, names), i]));
            for (const item of newV) {
                const k = keyOf(item, lt.keys, opts.schema, names);
                const before = olds.get(k);
                if (before === undefined) {
                    out.add(encode([...path, k]));
                    if (isObject(item))
                        for (const [f, v] of Object.entries(item))
                            if (v !== null)
                                walk(v, [...path, k, `f:${f}`], opts, out, false);
                }
                else {
                    diffSet(before, item, opts, [...path, k], out);
                }
            }
        }
        else {
            for (const item of newV)
                if (!oldV.some((o) => deepEqual(o, item)))
                    out.add(encode([...path, `v:${JSON.stringify(item)}`]));
        }
    }
    else if (!deepEqual(oldV, newV)) {
        walk(newV, path, { ...opts, markMaps: false }, out, false);
        if (path.length > 0)
            out.add(encode(path));
    }
    for (const s of [...out])
        if (stripped(decode(s)))
            out.delete(s);
    return out;
}
/** Resolve a path in an object; undefined when absent. */
function getAt(value, path, schema) {
    let cur = value;
    const names = [];
    for (const pe of path) {
        if (cur === undefined)
            return undefined;
        if (pe.startsWith('f:')) {
            if (!isObject(cur))
                return undefined;
            names.push(pe.slice(2));
            cur = cur[pe.slice(2)];
        }
        else if (pe.startsWith('k:')) {
            if (!Array.isArray(cur))
                return undefined;
            const lt = schema.list(names);
            if (lt.type !== 'map')
                return undefined;
            cur = cur.find((i) => keyOf(i, lt.keys, schema, names) === pe);
        }
        else if (pe.startsWith('v:')) {
            if (!Array.isArray(cur))
                return undefined;
            const want = JSON.parse(pe.slice(2));
            cur = cur.find((i) => deepEqual(i, want));
        }
        else if (pe.startsWith('i:')) {
            if (!Array.isArray(cur))
                return undefined;
            cur = cur[Number(pe.slice(2))];
        }
    }
    return cur;
}
/** Delete the node at a path (a field, a keyed list item, a set value). */
function removeAt(value, path, schema) {
    if (path.length === 0)
        return;
    const parent = getAt(value, path.slice(0, -1), schema);
    const last = path[path.length - 1] ?? '';
    const names = fieldNames(path.slice(0, -1));
    if (last.startsWith('f:') && isObject(parent)) {
        delete parent[last.slice(2)];
    }
    else if (Array.isArray(parent)) {
        const lt = schema.list(names);
        const idx = parent.findIndex((i) => last.startsWith('k:') && lt.type === 'map'
            ? keyOf(i, lt.keys, schema, names) === last
            : last.startsWith('v:')
                ? deepEqual(i, JSON.parse(last.slice(2)))
                : false);
        if (idx >= 0)
            parent.splice(idx, 1);
    }
}
/** Merge an applied configuration into the live object: keyed lists item by item, atomic lists replaced. */
function mergeApplied(live, cfg, schema, names = []) {
    if (isObject(cfg) && isObject(live) && !schema.atomic(names)) {
        const out = { ...live };
        for (const [k, v] of Object.entries(cfg)) {
            if (v === null)
                delete out[k];
            else
                out[k] = mergeApplied(live[k], v, schema, [...names, k]);
        }
        return out;
    }
    if (Array.isArray(cfg) && Array.isArray(live)) {
        const lt = schema.list(names);
        if (lt.type === 'map') {
            const out = [...live];
            for (const item of cfg) {
                const k = keyOf(item, lt.keys, schema, names);
                const idx = out.findIndex((i) => keyOf(i, lt.keys, schema, names) === k);
                if (idx >= 0)
                    out[idx] = mergeApplied(out[idx], item, schema, names);
                else
                    out.push(item);
            }
            return out;
        }
        if (lt.type === 'set')
            return [...live, ...cfg.filter((c) => !live.some((l) => deepEqual(l, c)))];
    }
    return cfg;
}
/** fieldsV1 JSON from a set. */
function toFieldsV1(set) {
    const root = {};
    const paths = [...set].map(decode).sort((a, b) => a.length - b.length);
    for (const p of paths) {
        let node = root;
        for (const pe of p) {
            const next = node[pe];
            if (isObject(next))
                node = next;
            else {
                const fresh = {};
                node[pe] = fresh;
                node = fresh;
            }
        }
    }
    // A member node with children says so with ".".
    const mark = (node, path) => {
        for (const [k, v] of Object.entries(node)) {
            if (!isObject(v) || k === '.')
                continue;
            const p = [...path, k];
            if (Object.keys(v).length > 0 && set.has(encode(p)))
                v['.'] = {};
            mark(v, p);
        }
    };
    mark(root, []);
    return sortKeys(root);
}
function sortKeys(o) {
    const out = {};
    for (const k of Object.keys(o).sort()) {
        const v = o[k];
        out[k] = isObject(v) ? sortKeys(v) : (v ?? null);
    }
    return out;
}
function fromFieldsV1(f, prefix = [], out = new Set()) {
    if (!isObject(f))
        return out;
    for (const [k, v] of Object.entries(f)) {
        if (k === '.') {
            out.add(encode(prefix));
            continue;
        }
        const p = [...prefix, k];
        if (isObject(v) && Object.keys(v).length > 0)
            fromFieldsV1(v, p, out);
        else
            out.add(encode(p));
    }
    return out;
}
/** `.spec.template.spec.containers[name="app"].image`, as structured-merge-diff prints a path. */
function pathString(p) {
    let s = '';
    for (const pe of p) {
        if (pe.startsWith('f:'))
            s += `.${pe.slice(2)}`;
        else if (pe.startsWith('k:')) {
            const key = JSON.parse(pe.slice(2));
            s += `[${Object.entries(key)
                .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
                .join(',')}]`;
        }
        else if (pe.startsWith('v:'))
            s += `[=${pe.slice(2)}]`;
        else if (pe.startsWith('i:'))
            s += `[${pe.slice(2)}]`;
    }
    return s;
}
/** Only the leaves and list items of a set that actually exist in an object. */
function prune(set, value, schema) {
    const out = new Set();
    for (const s of set)
        if (getAt(value, decode(s), schema) !== undefined)
            out.add(s);
    return out;
}
function hasChildIn(set, s) {
    const pre = s + SEP;
    for (const x of set)
        if (x.startsWith(pre))
            return true;
    return false;
}

;// CONCATENATED MODULE: ./src/sim/api/managed.ts
// managedFields bookkeeping: Update operations take ownership of what they change, Apply
// operations own exactly their configuration, conflict with other owners' different values,
// and remove what they stopped applying when nobody else owns it.



function nowSeconds(now) {
    return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function readManagers(o) {
    const meta = isObject(o['metadata']) ? o['metadata'] : {};
    const mf = Array.isArray(meta['managedFields']) ? meta['managedFields'] : [];
    return mf.filter(isObject).map((e) => ({
        manager: str(e['manager'] ?? ''),
        operation: e['operation'] === 'Apply' ? 'Apply' : 'Update',
        apiVersion: str(e['apiVersion'] ?? ''),
        time: str(e['time'] ?? ''),
        subresource: str(e['subresource'] ?? ''),
        set: fromFieldsV1(e['fieldsV1']),
    }));
}
function writeManagers(ms) {
    const sorted = ms
        .filter((m) => m.set.size > 0)
        .sort((p, q) => p.operation.localeCompare(q.operation) ||
        p.time.localeCompare(q.time) ||
        p.manager.localeCompare(q.manager) ||
        p.apiVersion.localeCompare(q.apiVersion) ||
        p.subresource.localeCompare(q.subresource));
    return sorted.map((m) => {
        const e = {
            apiVersion: m.apiVersion,
            fieldsType: 'FieldsV1',
            fieldsV1: toFieldsV1(m.set),
            manager: m.manager,
            operation: m.operation,
        };
        if (m.subresource)
            e['subresource'] = m.subresource;
        e['time'] = m.time;
        return e;
    });
}
function sameEntry(m, manager, op, sub, apiVersion) {
    return (m.manager === manager &&
        m.operation === op &&
        m.subresource === sub &&
        (op === 'Apply' || m.apiVersion === apiVersion));
}
/** managedFields after a non-apply write (create, update, patch) by `manager`. */
function recordUpdate(oldObj, newObj, manager, apiVersion, subresource, schema, now) {
    const ms = oldObj ? readManagers(oldObj) : [];
    const changed = diffSet(oldObj ? strip(oldObj) : undefined, strip(newObj), { schema, markMaps: true });
    for (const m of ms)
        for (const s of changed)
            m.set.delete(s);
    if (changed.size > 0) {
        let mine = ms.find((m) => sameEntry(m, manager, 'Update', subresource, apiVersion));
        if (!mine) {
            mine = { manager, operation: 'Update', apiVersion, time: '', subresource, set: new Set() };
            ms.push(mine);
        }
        for (const s of changed)
            mine.set.add(s);
        mine.time = nowSeconds(now);
    }
    for (const m of ms)
        m.set = pruneKeepMaps(m.set, newObj, schema);
    return writeManagers(ms);
}
function strip(o) {
    const c = clone(o);
    if (isObject(c['metadata']))
        delete c['metadata']['managedFields'];
    return c;
}
function pruneKeepMaps(set, value, schema) {
    return prune(set, value, schema);
}
/** Server-side apply of `cfg` by `manager` onto `live` (undefined: create-on-apply). */
function serverSideApply(live, cfg, manager, apiVersion, subresource, force, schema, now) {
    const ms = live ? readManagers(live) : [];
    const cfgSet = toSet(cfg, { schema, markMaps: false });
    const base = live ? strip(live) : {};
    const others = ms.filter((m) => !sameEntry(m, manager, 'Apply', subresource, apiVersion));
    const conflicts = [];
    for (const m of others) {
        for (const s of cfgSet) {
            if (!m.set.has(s))
                continue;
            const p = decode(s);
            if (hasChildIn(cfgSet, s))
                continue; // list items are compared through their fields
            if (!deepEqual(getAt(base, p, schema), getAt(cfg, p, schema)))
                conflicts.push({ manager: m, path: p });
        }
    }
    if (conflicts.length > 0 && !force)
        throw conflictError(conflicts);
    for (const c of conflicts)
        c.manager.set.delete(encode(c.path));
    const merged = mergeApplied(base, cfg, schema);
    const mine = ms.find((m) => sameEntry(m, manager, 'Apply', subresource, apiVersion));
    if (mine) {
        const othersUnion = new Set();
        for (const m of others)
            for (const s of m.set)
                othersUnion.add(s);
        const removed = [...mine.set].filter((s) => !cfgSet.has(s) && !othersUnion.has(s) && !hasChildIn(othersUnion, s));
        // Parents first: a removed list item is found by its key fields, which removing them first would erase.
        for (const s of removed.sort((a, b) => decode(a).length - decode(b).length))
            removeAt(merged, decode(s), schema);
        mine.set = cfgSet;
        mine.apiVersion = apiVersion;
        mine.time = nowSeconds(now);
    }
    else {
        ms.push({ manager, operation: 'Apply', apiVersion, time: nowSeconds(now), subresource, set: cfgSet });
    }
    for (const m of ms)
        m.set = pruneKeepMaps(m.set, merged, schema);
    const meta = isObject(merged['metadata']) ? merged['metadata'] : {};
    meta['managedFields'] = writeManagers(ms);
    merged['metadata'] = meta;
    return merged;
}
function printManager(m) {
    let s = JSON.stringify(m.manager);
    if (m.subresource)
        s += ` with subresource ${JSON.stringify(m.subresource)}`;
    if (m.operation === 'Update')
        s += ` using ${m.apiVersion}`;
    return s;
}
function conflictError(conflicts) {
    const causes = conflicts.map((c) => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${printManager(c.manager)}`,
        field: pathString(c.path),
    }));
    let message;
    const first = conflicts[0];
    if (conflicts.length === 1 && first) {
        message = `Apply failed with 1 conflict: conflict with ${printManager(first.manager)}: ${pathString(first.path)}`;
    }
    else {
        const byManager = new Map();
        for (const c of conflicts) {
            const key = printManager(c.manager);
            const e = byManager.get(key) ?? { m: c.manager, paths: [] };
            e.paths.push(pathString(c.path));
            byManager.set(key, e);
        }
        const lines = [];
        for (const key of [...byManager.keys()].sort()) {
            lines.push(`conflicts with ${key}:`);
            for (const p of byManager.get(key)?.paths ?? [])
                lines.push(`- ${p}`);
        }
        message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
    }
    return new ApiError(failure(409, 'Conflict', message, { causes }));
}

;// CONCATENATED MODULE: ./src/sim/api/pods.ts
// Pods of the simulated Deployments, kept by the Deployment controller so `kubectl get pods`
// shows what a cluster would: one pod per replica of each ReplicaSet, Running and Ready once
// available, CrashLoopBackOff for a `crashloop` image. They are read-only views; nothing runs.



/** Label that ties a simulated pod to its Deployment. */
const POD_OWNER_LABEL = 'sim.istio-canary.dev/deployment';
function suffix(seed) {
    const h = (0,external_node_crypto_.createHash)('sha256').update(seed).digest();
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < 5; i++)
        s += alphabet[(h[i] ?? 0) % alphabet.length];
    return s;
}
function buildPods(namespace, deployment, groups, now) {
    const ts = nowSeconds(now);
    const pods = [];
    groups.forEach((g, gi) => {
        const tpl = obj(g.template);
        const tmeta = obj(tpl['metadata']);
        const spec = clone(obj(tpl['spec']));
        const containers = (Array.isArray(spec['containers']) ? spec['containers'] : []).filter(isObject);
        for (let i = 0; i < g.count; i++) {
            const name = `${deployment}-${g.hash}-${suffix(`${namespace}/${deployment}/${g.hash}/${i}`)}`;
            const ready = g.ready && !g.crash;
            const pod = {
                apiVersion: 'v1',
                kind: 'Pod',
                metadata: {
                    name,
                    namespace,
                    labels: {
                        ...obj(tmeta['labels']),
                        'pod-template-hash': g.hash,
                        [POD_OWNER_LABEL]: deployment,
                    },
                    ...(isObject(tmeta['annotations']) ? { annotations: clone(tmeta['annotations']) } : {}),
                    ownerReferences: [
                        {
                            apiVersion: 'apps/v1',
                            kind: 'ReplicaSet',
                            name: `${deployment}-${g.hash}`,
                            uid: `00000000-0000-4000-8000-${g.hash.padEnd(12, '0').slice(0, 12)}`,
                            controller: true,
                            blockOwnerDeletion: true,
                        },
                    ],
                },
                spec: { ...spec, nodeName: 'istio-canary-sim' },
                status: {
                    phase: 'Running',
                    conditions: [
                        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
                        { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ts },
                        {
                            type: 'ContainersReady',
                            status: ready ? 'True' : 'False',
                            lastProbeTime: null,
                            lastTransitionTime: ts,
                        },
                        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
                    ],
                    hostIP: '10.0.0.1',
                    podIP: `10.244.${(gi * 37 + i) % 250}.${((i * 13 + g.hash.charCodeAt(0)) % 250) + 2}`,
                    startTime: ts,
                    containerStatuses: containers.map((c) => ({
                        name: c['name'] ?? null,
                        image: c['image'] ?? null,
                        imageID: '',
                        ready,
                        started: !g.crash,
                        restartCount: g.crash ? 5 : 0,
                        state: g.crash
                            ? {
                                waiting: {
                                    reason: 'CrashLoopBackOff',
                                    message: `back-off 5m0s restarting failed container=${str(c['name'])}`,
                                },
                            }
                            : { running: { startedAt: ts } },
                    })),
                },
            };
            pods.push(pod);
        }
    });
    return pods;
}

;// CONCATENATED MODULE: ./src/sim/api/controller.ts
// The Deployment controller: drives status from events and timers (never a polling loop).
// A rollout becomes available after `readinessDelayMs`; a container image tagged `crashloop`
// never does and reports ProgressDeadlineExceeded after spec.progressDeadlineSeconds.
// A paused Deployment (spec.paused) makes no ReplicaSet for a new template, as the real
// controller: the pods of the last available template keep running at spec.replicas, no
// replica is updated, and Progressing is Unknown/DeploymentPaused until it is resumed.





/** The image tag that makes a pod crash forever in the simulation. */
const CRASHLOOP_TAG = 'crashloop';
function imageTag(image) {
    const noDigest = image.split('@')[0] ?? '';
    const slash = noDigest.lastIndexOf('/');
    const colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.slice(colon + 1) : 'latest';
}
function templateHash(template) {
    // Pod-template-hash style: short, stable, lowercase alphanumerics.
    const h = (0,external_node_crypto_.createHash)('sha256')
        .update(JSON.stringify(template ?? null))
        .digest();
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < 10; i++)
        s += alphabet[(h[i] ?? 0) % alphabet.length];
    return s;
}
function intOrPercent(v, total, roundUp, dflt) {
    const x = v ?? dflt;
    if (typeof x === 'number')
        return x;
    const m = str(x).match(/^(\d+)%$/);
    if (!m)
        return Number(x) || 0;
    const f = (Number(m[1]) * total) / 100;
    return roundUp ? Math.ceil(f) : Math.floor(f);
}
class DeploymentController {
    access;
    readinessDelayMs;
    now;
    rollouts = new Map();
    closed = false;
    constructor(access, readinessDelayMs, now) {
        this.access = access;
        this.readinessDelayMs = readinessDelayMs;
        this.now = now;
    }
    onEvent(e) {
        if (this.closed || e.key !== 'apps/deployments')
            return;
        const meta = metaOf(e.object);
        const id = `${e.namespace}/${str(meta['name'])}`;
        if (e.type === 'DELETED') {
            this.clear(id);
            this.rollouts.delete(id);
            // Outside the store's publish loop, so watchers see the Deployment go before its pods.
            queueMicrotask(() => this.access.syncPods(e.namespace, str(meta['name']), []));
            return;
        }
        const generation = Number(meta['generation'] ?? 1);
        const r = this.rollouts.get(id);
        if (r && r.generation === generation)
            return;
        // Reconcile outside the store's publish loop so our status write is a separate event.
        queueMicrotask(() => this.reconcile(e.namespace, str(meta['name'])));
    }
    clear(id) {
        const r = this.rollouts.get(id);
        if (r)
            for (const t of r.timers)
                clearTimeout(t);
        if (r)
            r.timers = [];
    }
    later(r, ms, fn) {
        const t = setTimeout(() => {
            r.timers = r.timers.filter((x) => x !== t);
            if (!this.closed)
                fn();
        }, ms);
        t.unref();
        r.timers.push(t);
    }
    reconcile(ns, name) {
        if (this.closed)
            return;
        const d = this.access.get(ns, name);
        if (!d)
            return;
        const meta = metaOf(d);
        const spec = obj(d['spec']);
        const generation = Number(meta['generation'] ?? 1);
        const id = `${ns}/${name}`;
        const hash = templateHash(spec['template']);
        const prev = this.rollouts.get(id);
        if (prev && prev.generation === generation)
            return;
        this.clear(id);
        const r = {
            generation,
            hash,
            availableHash: prev?.availableHash,
            availableTemplate: prev?.availableTemplate,
            startedHash: prev?.startedHash,
            timers: [],
        };
        this.rollouts.set(id, r);
        const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
        const containers = (Array.isArray(obj(obj(spec['template'])['spec'])['containers'])
            ? obj(obj(spec['template'])['spec'])['containers']
            : []).filter(isObject);
        const crash = containers.some((c) => imageTag(str(c['image'] ?? '')) === CRASHLOOP_TAG);
        const rs = `${name}-${hash}`;
        const strategy = obj(obj(spec['strategy'])['rollingUpdate']);
        const maxUnavailable = intOrPercent(strategy['maxUnavailable'], replicas, false, '25%');
        const maxSurge = intOrPercent(strategy['maxSurge'], replicas, true, '25%');
        const oldServing = r.availableHash !== undefined && r.availableHash !== hash;
        const template = spec['template'];
        const paused = spec['paused'] === true;
        const pausedCond = ['Unknown', 'DeploymentPaused', 'Deployment is paused'];
        if (paused && hash !== r.startedHash) {
            // No ReplicaSet for this template: the old one is scaled to spec.replicas, nothing updated.
            const kept = r.availableHash !== undefined ? replicas : 0;
            this.write(ns, name, generation, {
                replicas: kept,
                updated: 0,
                available: kept,
                minAvailable: kept >= replicas - maxUnavailable,
                pods: kept > 0
                    ? [
                        {
                            hash: r.availableHash,
                            count: kept,
                            ready: true,
                            crash: false,
                            template: r.availableTemplate,
                        },
                    ]
                    : [],
                progressing: pausedCond,
            });
            return;
        }
        r.startedHash = hash;
        const cond = (c) => (paused ? pausedCond : c);
        const ready = () => {
            r.availableHash = hash;
            r.availableTemplate = template;
            this.write(ns, name, generation, {
                replicas,
                updated: replicas,
                available: replicas,
                minAvailable: true,
                pods: [{ hash, count: replicas, ready: true, crash: false, template }],
                progressing: cond([
                    'True',
                    'NewReplicaSetAvailable',
                    `ReplicaSet "${rs}" has successfully progressed.`,
                ]),
            });
        };
        if (!crash && (this.readinessDelayMs <= 0 || replicas === 0)) {
            ready();
            return;
        }
        // While the new pods start (or crash), old available pods keep serving, as a rolling update does.
        const oldKept = oldServing ? Math.max(replicas - maxUnavailable, 0) : 0;
        const updated = oldServing && crash ? Math.min(Math.max(maxSurge, 1), replicas) : replicas;
        const oldHash = r.availableHash;
        const oldTemplate = r.availableTemplate;
        const progressing = () => ({
            replicas: oldKept + updated,
            updated,
            available: oldKept,
            pods: [
                { hash, count: updated, ready: false, crash, template },
                ...(oldKept > 0 && oldHash
                    ? [{ hash: oldHash, count: oldKept, ready: true, crash: false, template: oldTemplate }]
                    : []),
            ],
            minAvailable: oldKept >= replicas - maxUnavailable && (oldKept > 0 || replicas - maxUnavailable <= 0),
            progressing: cond(['True', 'ReplicaSetUpdated', `ReplicaSet "${rs}" is progressing.`]),
        });
        this.write(ns, name, generation, progressing());
        if (!crash) {
            this.later(r, this.readinessDelayMs, ready);
        }
        else {
            const deadline = typeof spec['progressDeadlineSeconds'] === 'number' ? spec['progressDeadlineSeconds'] : 600;
            this.later(r, deadline * 1000, () => {
                this.write(ns, name, generation, {
                    ...progressing(),
                    progressing: ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs}" has timed out progressing.`],
                });
            });
        }
    }
    write(ns, name, generation, p) {
        const d = this.access.get(ns, name);
        if (!d || Number(metaOf(d)['generation'] ?? 1) !== generation)
            return;
        const old = obj(d['status']);
        const oldConds = (Array.isArray(old['conditions']) ? old['conditions'] : []).filter(isObject);
        const ts = nowSeconds(this.now());
        const cond = (type, status, reason, message) => {
            const before = oldConds.find((c) => c['type'] === type);
            const same = before && before['status'] === status;
            const unchanged = same && before['reason'] === reason && before['message'] === message;
            return {
                lastTransitionTime: same ? (before['lastTransitionTime'] ?? ts) : ts,
                lastUpdateTime: unchanged ? (before['lastUpdateTime'] ?? ts) : ts,
                message,
                reason,
                status,
                type,
            };
        };
        const status = {
            availableReplicas: p.available,
            conditions: [
                p.minAvailable
                    ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
                    : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
                cond('Progressing', p.progressing[0], p.progressing[1], p.progressing[2]),
            ],
            observedGeneration: generation,
            readyReplicas: p.available,
            replicas: p.replicas,
            unavailableReplicas: Math.max(p.replicas - p.available, 0),
            updatedReplicas: p.updated,
        };
        // The real controller omits zero counts.
        for (const k of [
            'availableReplicas',
            'readyReplicas',
            'replicas',
            'unavailableReplicas',
            'updatedReplicas',
        ])
            if (status[k] === 0)
                delete status[k];
        this.access.writeStatus(ns, name, status);
        this.access.syncPods(ns, name, buildPods(ns, name, p.pods, this.now()));
    }
    close() {
        this.closed = true;
        for (const id of this.rollouts.keys())
            this.clear(id);
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./src/sim/api/schema.ts
// The slice of the Kubernetes OpenAPI schemas that merging needs: which lists are keyed
// (x-kubernetes-list-type=map / patchMergeKey), which are sets, which nodes are atomic, and
// which objects are free-form maps. Paths are field names with list items skipped.
const metaLists = {
    'metadata.finalizers': { type: 'set' },
    'metadata.ownerReferences': { type: 'map', keys: ['uid'] },
    'metadata.managedFields': { type: 'atomic' },
};
const metaMaps = new Set(['metadata.labels', 'metadata.annotations']);
function podSpec(prefix) {
    const lists = {};
    const merge = {};
    const maps = [`${prefix}.nodeSelector`, `${prefix}.overhead`];
    for (const c of ['containers', 'initContainers', 'ephemeralContainers']) {
        const p = `${prefix}.${c}`;
        lists[p] = { type: 'map', keys: ['name'] };
        merge[p] = 'name';
        lists[`${p}.ports`] = { type: 'map', keys: ['containerPort', 'protocol'] };
        merge[`${p}.ports`] = 'containerPort';
        lists[`${p}.env`] = { type: 'map', keys: ['name'] };
        merge[`${p}.env`] = 'name';
        lists[`${p}.volumeMounts`] = { type: 'map', keys: ['mountPath'] };
        merge[`${p}.volumeMounts`] = 'mountPath';
        lists[`${p}.volumeDevices`] = { type: 'map', keys: ['devicePath'] };
        merge[`${p}.volumeDevices`] = 'devicePath';
        maps.push(`${p}.resources.limits`, `${p}.resources.requests`);
    }
    lists[`${prefix}.volumes`] = { type: 'map', keys: ['name'] };
    merge[`${prefix}.volumes`] = 'name';
    lists[`${prefix}.imagePullSecrets`] = { type: 'map', keys: ['name'] };
    merge[`${prefix}.imagePullSecrets`] = 'name';
    lists[`${prefix}.hostAliases`] = { type: 'map', keys: ['ip'] };
    merge[`${prefix}.hostAliases`] = 'ip';
    lists[`${prefix}.topologySpreadConstraints`] = { type: 'map', keys: ['topologyKey', 'whenUnsatisfiable'] };
    merge[`${prefix}.topologySpreadConstraints`] = 'topologyKey';
    return { lists, merge, maps };
}
function table(kind) {
    const t = {
        lists: { ...metaLists },
        merge: { 'metadata.finalizers': '', 'metadata.ownerReferences': 'uid' },
        maps: new Set(metaMaps),
        atomic: new Set(),
        required: new Set(),
    };
    delete t.merge['metadata.finalizers'];
    const conds = (p) => {
        t.lists[p] = { type: 'map', keys: ['type'] };
        t.merge[p] = 'type';
    };
    switch (kind) {
        case 'Deployment': {
            const ps = podSpec('spec.template.spec');
            Object.assign(t.lists, ps.lists);
            Object.assign(t.merge, ps.merge);
            ps.maps.forEach((m) => t.maps.add(m));
            t.maps.add('spec.template.metadata.labels');
            // A pointer to a struct: created (and so marked ".") by the first writer.
            t.maps.add('spec.strategy.rollingUpdate');
            t.required.add('spec.template.spec.containers');
            t.maps.add('spec.template.metadata.annotations');
            t.atomic.add('spec.selector');
            conds('status.conditions');
            break;
        }
        case 'Service':
            t.lists['spec.ports'] = { type: 'map', keys: ['port', 'protocol'] };
            t.merge['spec.ports'] = 'port';
            t.maps.add('spec.selector');
            conds('status.conditions');
            break;
        case 'ConfigMap':
            t.maps.add('data');
            t.maps.add('binaryData');
            break;
        case 'Secret':
            t.maps.add('data');
            t.maps.add('stringData');
            break;
        case 'Namespace':
            t.lists['spec.finalizers'] = { type: 'set' };
            conds('status.conditions');
            break;
        case 'CustomResourceDefinition':
            t.lists['spec.versions'] = { type: 'map', keys: ['name'] };
            conds('status.conditions');
            break;
        default:
            break;
    }
    return t;
}
/** Built-in kinds use their real list semantics; custom resources (Istio included) have atomic lists, as CRDs without list-type markers do. */
function schemaFor(kind, builtIn) {
    const t = table(kind);
    return {
        list(path) {
            return t.lists[path.join('.')] ?? { type: 'atomic' };
        },
        mergeKey(path) {
            return t.merge[path.join('.')];
        },
        atomic(path) {
            // Custom resources with x-kubernetes-preserve-unknown-fields: top-level fields are maps whose
            // children are untyped, hence atomic (as the real server's deduced schema treats them).
            if (!builtIn && path.length >= 2 && path[0] !== 'metadata')
                return true;
            return t.atomic.has(path.join('.'));
        },
        isMap(path) {
            const p = path.join('.');
            if (t.maps.has(p))
                return true;
            return !builtIn && path.length === 1 && path[0] !== 'metadata';
        },
        required(path) {
            return t.required.has(path.join('.'));
        },
        keyDefault(_path, key) {
            return key === 'protocol' ? 'TCP' : undefined;
        },
    };
}

;// CONCATENATED MODULE: ./src/sim/api/crd-schema.ts
// What a CRD's structural schema makes a v1.20 API server do to a custom resource, so the
// embedded mesh answers like the real one with Istio's and the Gateway API's real CRDs:
// - defaulting (`default:`; a null is dropped where the field has a default or is not nullable)
//   then pruning of the fields the schema does not declare (unless
//   x-kubernetes-preserve-unknown-fields), as the decoder does;
// - OpenAPI validation with the messages and quirks of the go-openapi validator 1.20 embeds: paths
//   without list indices, an empty string rejected as "null", oneOf/anyOf/allOf/not;
// - the managedFields typing: CRDs whose schema uses x-kubernetes-preserve-unknown-fields or
//   x-kubernetes-int-or-string (Istio's) get 1.20's deduced type converter (every object a map,
//   lists atomic); the others (the Gateway API's) are typed by their schema's list/map markers.
// Hand-written: no JS library reproduces the apiextensions-apiserver's behaviour and messages.



const props = (s) => (isObject(s['properties']) ? s['properties'] : {});
const child = (s, k) => {
    if (!s)
        return undefined;
    const p = props(s)[k];
    if (isObject(p))
        return p;
    return isObject(s['additionalProperties']) ? s['additionalProperties'] : undefined;
};
const items = (s) => (s && isObject(s['items']) ? s['items'] : undefined);
/** Applies `default:`s (recursively, into defaulted values too) as structuraldefaulting.Default does. */
function applyDefaults(x, s) {
    if (!s)
        return;
    if (isObject(x)) {
        // A null where the schema has a default or is not nullable is dropped first (1.20).
        for (const [k, v] of Object.entries(x)) {
            const c = child(s, k);
            if (v === null && c && (c['default'] !== undefined || c['nullable'] !== true))
                delete x[k];
        }
        for (const [k, p] of Object.entries(props(s))) {
            if (!isObject(p) || p['default'] === undefined)
                continue;
            if (!(k in x))
                x[k] = clone(p['default'] ?? null);
        }
        for (const [k, v] of Object.entries(x))
            applyDefaults(v, child(s, k));
    }
    else if (Array.isArray(x)) {
        for (const v of x)
            applyDefaults(v, items(s));
    }
}
/** Drops fields the schema does not declare; the root keeps apiVersion, kind and metadata. */
function crd_schema_prune(x, s, root = false) {
    if (!s)
        return;
    if (isObject(x)) {
        const keep = s['x-kubernetes-preserve-unknown-fields'] === true || isObject(s['additionalProperties']);
        for (const k of Object.keys(x)) {
            if (root && ['apiVersion', 'kind', 'metadata'].includes(k))
                continue;
            const c = child(s, k);
            if (!c && !keep)
                delete x[k];
            else
                crd_schema_prune(x[k] ?? null, c);
        }
    }
    else if (Array.isArray(x)) {
        for (const v of x)
            crd_schema_prune(v, items(s));
    }
}
function typeName(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'array';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'integer' : 'number';
    return typeof v;
}
const invalidErr = (field, value, detail) => ({
    type: 'FieldValueInvalid',
    field,
    value,
    detail,
});
/** go-openapi's validation of one value, errors with 1.20's field paths (no list indices). */
function check(v, s, path, out) {
    const where = path === '' ? '' : path;
    const type = typeof s['type'] === 'string' ? s['type'] : '';
    const intOrString = s['x-kubernetes-int-or-string'] === true;
    if (v === null) {
        if (type !== '' && s['nullable'] !== true)
            out.push(invalidErr(where, 'null', `${where} in body must be of type ${type}: "null"`));
        return;
    }
    const actual = typeName(v);
    if (type !== '' && !intOrString) {
        const ok = type === actual || (type === 'number' && actual === 'integer');
        if (!ok) {
            out.push(invalidErr(where, actual, `${where} in body must be of type ${type}: "${actual}"`));
            return;
        }
        // The zero-value check of the validator 1.20 embeds reads "" as null.
        if (v === '' && s['nullable'] !== true)
            out.push(invalidErr(where, 'null', `${where} in body must be of type ${type}: "null"`));
    }
    if (Array.isArray(s['enum']) && !s['enum'].some((e) => JSON.stringify(e) === JSON.stringify(v)))
        out.push({
            type: 'FieldValueNotSupported',
            field: where,
            value: v,
            detail: `supported values: ${s['enum'].map((e) => JSON.stringify(e)).join(', ')}`,
        });
    if (typeof v === 'number') {
        if (typeof s['maximum'] === 'number' && v > s['maximum'])
            out.push(invalidErr(where, v, `${where} in body should be less than or equal to ${s['maximum']}`));
        if (typeof s['minimum'] === 'number' && v < s['minimum'])
            out.push(invalidErr(where, v, `${where} in body should be greater than or equal to ${s['minimum']}`));
    }
    if (typeof v === 'string') {
        const len = [...v].length;
        if (typeof s['maxLength'] === 'number' && len > s['maxLength'])
            out.push(invalidErr(where, v, `${where} in body should be at most ${s['maxLength']} chars long`));
        if (typeof s['minLength'] === 'number' && len < s['minLength'])
            out.push(invalidErr(where, v, `${where} in body should be at least ${s['minLength']} chars long`));
        if (typeof s['pattern'] === 'string' && !goRegexp(s['pattern']).test(v))
            out.push(invalidErr(where, v, `${where} in body should match '${s['pattern']}'`));
        const format = typeof s['format'] === 'string' ? s['format'] : '';
        if (v !== '' && FORMATS[format]?.(v) === false)
            out.push(invalidErr(where, v, `${where} in body must be of type ${format}: ${JSON.stringify(v)}`));
    }
    if (Array.isArray(v)) {
        if (typeof s['maxItems'] === 'number' && v.length > s['maxItems'])
            out.push(invalidErr(where, v.length, `${where} in body should have at most ${s['maxItems']} items`));
        if (typeof s['minItems'] === 'number' && v.length < s['minItems'])
            out.push(invalidErr(where, v.length, `${where} in body should have at least ${s['minItems']} items`));
        const it = items(s);
        if (it)
            for (const e of v)
                check(e, it, where, out);
    }
    if (isObject(v)) {
        const n = Object.keys(v).length;
        if (typeof s['maxProperties'] === 'number' && n > s['maxProperties'])
            out.push(invalidErr(where, n, `${where} in body should have at most ${s['maxProperties']} properties`));
        if (Array.isArray(s['required']))
            for (const r of s['required'])
                if (typeof r === 'string' && !(r in v))
                    out.push({ type: 'FieldValueRequired', field: join(where, r), detail: '' });
        for (const [k, val] of Object.entries(v)) {
            const c = child(s, k);
            if (c)
                check(val, c, join(where, k), out);
        }
    }
    combinators(v, s, where, out);
}
function combinators(v, s, where, out) {
    const valid = (alt) => {
        const errs = [];
        if (isObject(alt))
            check(v, alt, where, errs);
        return errs;
    };
    const nil = (detail) => invalidErr('<nil>', '', detail);
    if (Array.isArray(s['allOf']))
        for (const alt of s['allOf'])
            out.push(...valid(alt));
    if (Array.isArray(s['oneOf'])) {
        const results = s['oneOf'].map(valid);
        const ok = results.filter((e) => e.length === 0).length;
        if (ok !== 1) {
            out.push(nil(`"${where}" must validate one and only one schema (oneOf). ${ok === 0 ? 'Found none valid' : `Found ${ok} valid alternatives`}`));
            if (ok === 0) {
                const best = [...results].sort((a, b) => a.length - b.length)[0];
                if (best)
                    out.push(...best);
            }
        }
    }
    if (Array.isArray(s['anyOf']) && !s['anyOf'].some((alt) => valid(alt).length === 0))
        out.push(nil(`"${where}" must validate at least one schema (anyOf)`));
    if (isObject(s['not']) && valid(s['not']).length === 0)
        out.push(nil(`"${where}" must not validate the schema (not)`));
}
/** The string formats the CRDs here use that go-openapi's registry checks (others pass). */
const FORMATS = {
    'date-time': (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/.test(v),
    ipv4: (v) => (0,external_node_net_.isIPv4)(v),
    ipv6: (v) => (0,external_node_net_.isIPv6)(v),
    byte: (v) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v),
};
const join = (path, k) => (path === '' ? k : `${path}.${k}`);
const regexps = new Map();
/** Go RE2 patterns as JS regexps (unanchored, as go-openapi matches them). */
function goRegexp(p) {
    let re = regexps.get(p);
    if (!re) {
        re = new RegExp(p.replace(/\\x60/g, '`'), 'u');
        regexps.set(p, re);
    }
    return re;
}
/** Go's %#v of a list item or key: strings quoted, numbers and booleans bare, maps sorted. */
function goSharp(v) {
    if (isObject(v))
        return `map[string]interface {}{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${goSharp(v[k] ?? null)}`)
            .join(', ')}}`;
    if (v === null)
        return '<nil>';
    return JSON.stringify(v);
}
/** Duplicates in x-kubernetes-list-type set/map lists (indexed paths, as listtype validation reports). */
function listDuplicates(v, s, path, out) {
    if (!s)
        return;
    if (Array.isArray(v)) {
        const lt = s['x-kubernetes-list-type'];
        const keys = Array.isArray(s['x-kubernetes-list-map-keys'])
            ? s['x-kubernetes-list-map-keys'].map(String)
            : [];
        const seen = new Set();
        v.forEach((item, i) => {
            let key;
            if (lt === 'set')
                key = item;
            else if (lt === 'map' && isObject(item))
                key = Object.fromEntries(keys.filter((k) => item[k] !== undefined).map((k) => [k, item[k] ?? null]));
            if (key !== undefined) {
                const id = JSON.stringify(key);
                if (seen.has(id))
                    out.push({ type: 'FieldValueDuplicate', field: `${path}[${i}]`, value: key, detail: goSharp(key) });
                seen.add(id);
            }
            listDuplicates(item, items(s), `${path}[${i}]`, out);
        });
    }
    else if (isObject(v)) {
        for (const [k, c] of Object.entries(v))
            listDuplicates(c, child(s, k), join(path, k), out);
    }
}
/** Schema validation of a custom resource: every field but metadata (ObjectMeta is checked apart). */
function validateSchema(o, s) {
    const out = [];
    for (const [k, v] of Object.entries(o))
        if (!['apiVersion', 'kind', 'metadata'].includes(k))
            listDuplicates(v, child(s, k), k, out);
    for (const [k, v] of Object.entries(o)) {
        if (['apiVersion', 'kind', 'metadata'].includes(k))
            continue;
        const c = child(s, k);
        if (c)
            check(v, c, k, out);
    }
    if (Array.isArray(s['required']))
        for (const r of s['required'])
            if (typeof r === 'string' && !(r in o))
                out.push({ type: 'FieldValueRequired', field: r, detail: '' });
    // Paths carry no list index, and the validator keeps one error per path and check: the first
    // list item failing a check stands for all.
    const seen = new Set();
    return out.filter((e) => {
        const key = `${e.field}|${e.type}|${checkOf(e)}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** Which check an error comes from (its detail without the value). */
function checkOf(e) {
    if (e.field === '<nil>')
        return e.detail;
    const m = /in body (must be of type [\w-]+|should (?:be less|be greater|be at most|be at least|match|have at most|have at least))/.exec(e.detail);
    return m?.[1] ?? '';
}
function uses(s, key) {
    if (Array.isArray(s))
        return s.some((x) => uses(x, key));
    if (!isObject(s))
        return false;
    return Object.entries(s).some(([k, v]) => (k === key && v === true) || uses(v, key));
}
/** The schema node at a field path (names skip list items), or undefined. */
function at(s, names) {
    let cur = s;
    for (const n of names) {
        while (cur && cur['type'] === 'array')
            cur = items(cur);
        cur = child(cur, n);
        if (!cur)
            return undefined;
    }
    return cur;
}
const cache = new WeakMap();
/** The managedFields typing of a custom resource whose version schema is `s` (cached). */
function crdFieldSchema(s) {
    let out = cache.get(s);
    if (!out) {
        out = makeFieldSchema(s);
        cache.set(s, out);
    }
    return out;
}
/**
 * The managedFields typing of a custom resource. Deduced (Istio's CRDs in 1.20): every object a
 * map marked "." also on apply, every list atomic. Typed (the Gateway API's): lists per
 * x-kubernetes-list-type, atomic maps per x-kubernetes-map-type, objects created by an update
 * marked ".".
 */
function makeFieldSchema(s) {
    const deduced = uses(s, 'x-kubernetes-preserve-unknown-fields') || uses(s, 'x-kubernetes-int-or-string');
    const metaMaps = new Set(['metadata.labels', 'metadata.annotations']);
    const listAt = (names) => at(s, names);
    return {
        list(path) {
            if (path[0] === 'metadata') {
                if (path[1] === 'finalizers')
                    return { type: 'set' };
                if (path[1] === 'ownerReferences')
                    return { type: 'map', keys: ['uid'] };
                return { type: 'atomic' };
            }
            if (deduced)
                return { type: 'atomic' };
            const n = listAt(path);
            const lt = n?.['x-kubernetes-list-type'];
            if (lt === 'map' && Array.isArray(n?.['x-kubernetes-list-map-keys']))
                return { type: 'map', keys: n['x-kubernetes-list-map-keys'].map(String) };
            if (lt === 'set')
                return { type: 'set' };
            return { type: 'atomic' };
        },
        mergeKey() {
            return undefined;
        },
        atomic(path) {
            if (deduced || path[0] === 'metadata')
                return false;
            const n = at(s, path);
            return n?.['x-kubernetes-map-type'] === 'atomic';
        },
        isMap(path) {
            if (path[0] === 'metadata')
                return metaMaps.has(path.join('.'));
            return path.length > 0;
        },
        markOnApply(path) {
            if (!deduced)
                return false;
            if (path[0] === 'metadata')
                return metaMaps.has(path.join('.'));
            return path.length > 0;
        },
        required() {
            return false;
        },
        keyDefault(path, key) {
            const n = items(listAt(path));
            const d = n ? props(n)[key] : undefined;
            return isObject(d) ? d['default'] : undefined;
        },
    };
}
/** The managedFields typing of any resource type: a custom resource's from its schema. */
function fieldSchema(rt) {
    return rt.schema ? crdFieldSchema(rt.schema) : schemaFor(rt.kind, rt.builtIn);
}
/** What decoding a custom resource does before anything else: defaults, then pruning. */
function decodeCustom(rt, o) {
    if (!rt.schema)
        return;
    applyDefaults(o, rt.schema);
    crd_schema_prune(o, rt.schema, true);
}

;// CONCATENATED MODULE: ./src/sim/api/fields.ts
// Unknown-field detection for built-in kinds, as typed decoding finds them. Create, update and
// merge patch: Strict rejects, Warn (the default) and Ignore drop the field (Warn also adds a
// Warning header). Server-side apply rejects them always. Only the levels listed here are
// checked; deeper structures are accepted as they are.

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
const KNOWN = {
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
const LIST_KEYS = {
    'spec.template.spec.containers[]': ['name'],
    'spec.template.spec.initContainers[]': ['name'],
    'spec.template.spec.containers[].env[]': ['name'],
    'spec.template.spec.containers[].ports[]': ['containerPort', 'protocol'],
    'spec.ports[]': ['port', 'protocol'],
};
/** `[name="app"]`, `[containerPort=80,protocol="TCP"]`: a list item as server-side apply names it. */
function keyedItem(schemaPath, item, i) {
    const keys = LIST_KEYS[schemaPath];
    if (!keys || !isObject(item) || keys.some((k) => item[k] === undefined))
        return `[${i}]`;
    return `[${keys.map((k) => `${k}=${JSON.stringify(item[k])}`).join(',')}]`;
}
/**
 * Remove unknown fields of a built-in object in place; returns their paths (`spec.foo`,
 * `spec.a[0].b`; with `keyed`, list items by their keys as server-side apply names them:
 * `spec.template.spec.containers[name="app"].bogus`).
 */
function pruneUnknownFields(kind, o, options = {}) {
    const known = KNOWN[kind];
    if (!known)
        return [];
    const found = [];
    const walk = (v, schemaPath, path) => {
        if (Array.isArray(v)) {
            v.forEach((item, i) => walk(item, `${schemaPath}[]`, `${path}${options.keyed ? keyedItem(`${schemaPath}[]`, item, i) : `[${i}]`}`));
            return;
        }
        if (!isObject(v))
            return;
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
                for (const mk of Object.keys(fields_obj(v[k]))) {
                    if (!META.includes(mk)) {
                        found.push(`metadata.${mk}`);
                        delete fields_obj(v[k])[mk];
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
function fields_obj(v) {
    return isObject(v) ? v : {};
}

;// CONCATENATED MODULE: ./src/sim/api/admission.ts
// Admission of a written object, as the real registry strategies do it: typed-decode checks of
// apiVersion/kind/metadata, unknown-field validation, the defaults and registry-set fields of
// built-in kinds, and name/spec validation with the real messages.







function nameRegexError(rule, name) {
    const sub = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
    const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
    const dns1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
    if (rule === 'subdomain') {
        if (name.length > 253)
            return 'must be no more than 253 characters';
        if (!sub.test(name))
            return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    }
    else if (rule === 'label') {
        if (name.length > 63)
            return 'must be no more than 63 characters';
        if (!label.test(name))
            return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    }
    else {
        if (name.length > 63)
            return 'must be no more than 63 characters';
        if (!dns1035.test(name))
            return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    }
    return undefined;
}
/** apiVersion/kind/structure checks a typed decode performs (400) or a CRD validator performs (422). */
function checkTypeMeta(rr, o, expectKind, expectApiVersion) {
    const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '';
    const kind = typeof o['kind'] === 'string' ? o['kind'] : '';
    const name = str(metaOf(o)['name'] ?? '');
    if (!rr.rt.builtIn || expectKind === 'Scale') {
        const errs = [];
        if (kind !== '' && kind !== expectKind)
            errs.push({ type: 'FieldValueInvalid', field: 'kind', value: kind, detail: `must be ${expectKind}` });
        if (apiVersion !== '' && apiVersion !== expectApiVersion)
            errs.push({
                type: 'FieldValueInvalid',
                field: 'apiVersion',
                value: apiVersion,
                detail: `must be ${expectApiVersion}`,
            });
        if (errs.length > 0)
            throw invalid(rr.rt.kind, rr.group, name, errs);
    }
    else {
        if (kind !== '' && kind !== expectKind) {
            const v = apiVersion.split('/').pop() ?? rr.version;
            throw badRequest(`${kind} in version "${v}" cannot be handled as a ${expectKind}: converting (${v}.${kind}) to (${rr.group === '' ? 'core' : rr.group.split('.')[0]}.${expectKind}): unknown conversion`);
        }
        if (apiVersion !== '' && apiVersion !== expectApiVersion)
            throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${expectApiVersion})`);
    }
    for (const f of ['metadata', 'spec', 'status']) {
        const val = o[f];
        if (val !== undefined && val !== null && !isObject(val) && !(f === 'spec' && !rr.rt.builtIn)) {
            const got = Array.isArray(val) ? 'array' : typeof val;
            const goType = f === 'metadata' ? 'v1.ObjectMeta' : `v1.${expectKind}${f === 'spec' ? 'Spec' : 'Status'}`;
            throw badRequest(`${expectKind} in version "${rr.version}" cannot be handled as a ${expectKind}: json: cannot unmarshal ${got} into Go struct field ${expectKind}.${f} of type ${goType}`);
        }
    }
    if (isObject(o['metadata'])) {
        const m = o['metadata'];
        for (const f of ['labels', 'annotations'])
            if (m[f] !== undefined &&
                m[f] !== null &&
                (!isObject(m[f]) || Object.values(m[f]).some((x) => typeof x !== 'string')))
                throw badRequest(`${expectKind} in version "${rr.version}" cannot be handled as a ${expectKind}: json: cannot unmarshal into Go struct field ObjectMeta.metadata.${f} of type map[string]string`);
    }
}
/** Unknown fields of a built-in kind: Strict rejects, Warn (default) and Ignore drop them. */
function fieldCheck(rr, r, body) {
    if (!rr.rt.builtIn)
        return {};
    const unknown = pruneUnknownFields(rr.rt.kind, body);
    if (unknown.length === 0)
        return {};
    const mode = r.query.get('fieldValidation') ?? 'Warn';
    if (mode === 'Strict')
        throw badRequest(`${rr.rt.kind} in version "${rr.version}" cannot be handled as a ${rr.rt.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
    if (mode === 'Ignore')
        return {};
    return { Warning: unknown.map((f) => `299 - ${JSON.stringify(`unknown field "${f}"`)}`) };
}
/** Defaults the real API server fills in, so `get -o yaml` looks familiar. */
function defaults(rt, o) {
    if (rt.kind === 'Namespace') {
        const meta = metaOf(o);
        meta['labels'] = { ...obj(meta['labels']), 'kubernetes.io/metadata.name': str(meta['name']) };
        o['metadata'] = meta;
        if (!isObject(o['status']) || !o['status']['phase'])
            o['status'] = { ...obj(o['status']), phase: 'Active' };
    }
    else if (rt.kind === 'Deployment') {
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
    }
    else if (rt.kind === 'Service') {
        const spec = obj(o['spec']);
        spec['type'] ??= 'ClusterIP';
        spec['sessionAffinity'] ??= 'None';
        if (spec['type'] !== 'ExternalName')
            spec['internalTrafficPolicy'] ??= 'Cluster';
        for (const p of (Array.isArray(spec['ports']) ? spec['ports'] : []).filter(isObject)) {
            p['protocol'] ??= 'TCP';
            p['targetPort'] ??= p['port'] ?? null;
        }
        o['spec'] = spec;
    }
    else if (rt.kind === 'Secret') {
        o['type'] ??= 'Opaque';
        if (isObject(o['stringData'])) {
            const data = obj(o['data']);
            for (const [k, v] of Object.entries(o['stringData']))
                data[k] = Buffer.from(str(v)).toString('base64');
            o['data'] = data;
            delete o['stringData'];
        }
    }
}
/**
 * Fields the registry sets after defaulting (PrepareForCreate, IP allocation): the real server
 * does not record them in managedFields. On update they are kept from the stored object.
 */
function strategy(ctx, rt, o, old) {
    if (rt.kind === 'Namespace') {
        o['spec'] = old ? clone(obj(old['spec'])) : { finalizers: ['kubernetes'] };
    }
    else if (rt.kind === 'Service') {
        const spec = obj(o['spec']);
        const before = old ? obj(old['spec']) : {};
        if (spec['type'] !== 'ExternalName') {
            if (!spec['clusterIP'] && before['clusterIP'])
                spec['clusterIP'] = before['clusterIP'];
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
function validate(rt, o, isCreate) {
    const meta = metaOf(o);
    const name = str(meta['name'] ?? '');
    const errs = [];
    if (!name)
        errs.push({
            type: 'FieldValueRequired',
            field: 'metadata.name',
            detail: 'name or generateName is required',
        });
    else {
        const msg = nameRegexError(rt.nameRule, name);
        if (msg)
            errs.push({ type: 'FieldValueInvalid', field: 'metadata.name', value: name, detail: msg });
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
    }
    else if (rt.kind === 'Service') {
        const spec = obj(o['spec']);
        if (spec['type'] !== 'ExternalName' &&
            spec['clusterIP'] !== 'None' &&
            (!Array.isArray(spec['ports']) || spec['ports'].length === 0))
            errs.push({ type: 'FieldValueRequired', field: 'spec.ports', detail: '' });
    }
    else if (rt.kind === 'CustomResourceDefinition' && isCreate) {
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
    if (rt.schema)
        errs.push(...validateSchema(o, rt.schema));
    if (errs.length > 0)
        throw invalid(rt.kind, rt.group, name, errs);
}
function crdStatus(crd, now) {
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

// EXTERNAL MODULE: ./src/sim/dataplane/routes-match.ts
var routes_match = __webpack_require__(27794);
;// CONCATENATED MODULE: ./src/sim/api/istio-webhook.ts
// istiod's validating admission webhook (`validation.istio.io`) as the embedded API server runs
// it: a VirtualService whose StringMatch `regex` Envoy's RE2 would not compile (lookaround,
// backreferences, possessive quantifiers; an empty or over-1024-character regex) is refused at
// create, update, patch and apply, dry run included, with the Status kube-apiserver makes of
// istiod's denial (400, no reason, "admission webhook \"validation.istio.io\" denied the
// request: configuration is invalid: ..."). Without it such an object would be stored and then
// silently left out of the routing table. What RE2 lacks is the data plane's re2Refusal, the one
// definition the inputs (strategy/spec.ts) and the routing table use too. Hand-written: there is
// no JavaScript port of istiod's validation.



/** The webhook's name as kube-apiserver puts it in the denial. */
const ISTIO_VALIDATION_WEBHOOK = 'validation.istio.io';
/** Envoy's limit on a regex, which istiod approximates by its length. */
const MAX_REGEX_LENGTH = 1024;
const RE2_SYNTAX = 'Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)';
/** istiod's validateStringMatchRegexp: the error for one StringMatch at `where`, or undefined. */
function stringMatchError(match, where) {
    if (!isObject(match) || !('regex' in match))
        return undefined;
    const re = match['regex'];
    if (typeof re !== 'string')
        return undefined;
    if (re === '')
        return `"${where}": regex string match should not be empty`;
    if (re.length > MAX_REGEX_LENGTH)
        return `"${where}": regex is too large, max length allowed is ${MAX_REGEX_LENGTH}`;
    const refusal = (0,routes_match/* re2Refusal */._Z)(re);
    if (refusal === undefined)
        return undefined;
    return `"${where}": error parsing regexp: ${refusal}: \`${re}\`; ${RE2_SYNTAX}`;
}
const entries = (v) => (Array.isArray(v) ? v : []);
const values = (v) => (isObject(v) ? Object.values(v) : []);
/**
 * What istiod says about a VirtualService's regexes, one error per bad StringMatch, with the
 * field names istiod uses (`headers`, `withoutHeaders`, `uri`, `scheme`, `method`,
 * `authority`, `queryParams`, `corsPolicy.allowOrigins`), in the order of the http routes. Pure.
 */
function virtualServiceRegexErrors(spec) {
    const errors = [];
    const check = (m, where) => {
        const e = stringMatchError(m, where);
        if (e !== undefined)
            errors.push(e);
    };
    for (const http of entries(isObject(spec) ? spec['http'] : undefined)) {
        if (!isObject(http))
            continue;
        for (const match of entries(http['match'])) {
            if (!isObject(match))
                continue;
            for (const h of values(match['headers']))
                check(h, 'headers');
            for (const h of values(match['withoutHeaders']))
                check(h, 'withoutHeaders');
            for (const f of ['uri', 'scheme', 'method', 'authority'])
                check(match[f], f);
            for (const q of values(match['queryParams']))
                check(q, 'queryParams');
        }
        const cors = http['corsPolicy'];
        if (isObject(cors))
            for (const origin of entries(cors['allowOrigins']))
                check(origin, 'corsPolicy.allowOrigins');
    }
    return errors;
}
/** hashicorp/go-multierror's text, which istiod's joined validation errors print as. */
function multiError(errors) {
    if (errors.length === 1)
        return errors[0];
    return `${errors.length} errors occurred:\n${errors.map((e) => `\t* ${e}`).join('\n')}\n\n`;
}
/**
 * The webhook's verdict on a write of `o` (the main resource; istiod's rules leave subresources
 * out): throws the denial as kube-apiserver answers it, or returns for anything it admits.
 */
function istioWebhookAdmission(rt, o) {
    if (rt.group !== 'networking.istio.io' || rt.kind !== 'VirtualService')
        return;
    const errors = virtualServiceRegexErrors(o['spec']);
    if (errors.length === 0)
        return;
    throw new ApiError(failure(400, '', `admission webhook "${ISTIO_VALIDATION_WEBHOOK}" denied the request: configuration is invalid: ${multiError(errors)}`));
}

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(33243);
;// CONCATENATED MODULE: ./src/sim/api/protobuf.ts
// Just enough of Kubernetes' protobuf encoding to accept what kubectl's typed commands send
// (`kubectl create namespace|configmap|secret` post application/vnd.kubernetes.protobuf).
// Other kinds answer 415, as for any encoding the server cannot read.
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
function readVarint(buf, pos) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
        if (pos >= buf.length)
            throw new Error('truncated varint');
        const b = buf[pos++] ?? 0;
        result |= BigInt(b & 0x7f) << shift;
        if ((b & 0x80) === 0)
            return [result, pos];
        shift += 7n;
        if (shift > 63n)
            throw new Error('varint too long');
    }
}
function fields(buf) {
    const out = [];
    let pos = 0;
    while (pos < buf.length) {
        const [key, p1] = readVarint(buf, pos);
        pos = p1;
        const num = Number(key >> 3n);
        const wire = Number(key & 7n);
        if (wire === 0) {
            const [v, p2] = readVarint(buf, pos);
            pos = p2;
            out.push({ num, wire, value: v });
        }
        else if (wire === 2) {
            const [len, p2] = readVarint(buf, pos);
            const end = p2 + Number(len);
            if (end > buf.length)
                throw new Error('truncated field');
            out.push({ num, wire, value: buf.subarray(p2, end) });
            pos = end;
        }
        else if (wire === 1) {
            pos += 8;
        }
        else if (wire === 5) {
            pos += 4;
        }
        else {
            throw new Error(`unsupported wire type ${wire}`);
        }
    }
    return out;
}
const bytesOf = (f) => (Buffer.isBuffer(f.value) ? f.value : Buffer.alloc(0));
const protobuf_text = (f) => bytesOf(f).toString('utf8');
function map(entries, asBase64) {
    const out = {};
    for (const e of entries) {
        let k = '';
        let v = Buffer.alloc(0);
        for (const f of fields(bytesOf(e))) {
            if (f.num === 1)
                k = protobuf_text(f);
            if (f.num === 2)
                v = bytesOf(f);
        }
        out[k] = asBase64 ? v.toString('base64') : v.toString('utf8');
    }
    return out;
}
function objectMeta(buf) {
    const fs = fields(buf);
    const meta = {};
    const one = (n) => fs.find((f) => f.num === n);
    const name = one(1);
    if (name)
        meta['name'] = protobuf_text(name);
    const gen = one(2);
    if (gen)
        meta['generateName'] = protobuf_text(gen);
    const ns = one(3);
    if (ns)
        meta['namespace'] = protobuf_text(ns);
    const labels = fs.filter((f) => f.num === 11);
    if (labels.length > 0)
        meta['labels'] = map(labels, false);
    const annotations = fs.filter((f) => f.num === 12);
    if (annotations.length > 0)
        meta['annotations'] = map(annotations, false);
    const finalizers = fs.filter((f) => f.num === 14).map(protobuf_text);
    if (finalizers.length > 0)
        meta['finalizers'] = finalizers;
    return meta;
}
/** The JSON form of a protobuf-encoded object, or undefined for kinds this server cannot read. */
function decodeProtobuf(body) {
    if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
        return undefined;
    let apiVersion = '';
    let kind = '';
    let raw = Buffer.alloc(0);
    for (const f of fields(body.subarray(4))) {
        if (f.num === 1) {
            for (const t of fields(bytesOf(f))) {
                if (t.num === 1)
                    apiVersion = protobuf_text(t);
                if (t.num === 2)
                    kind = protobuf_text(t);
            }
        }
        else if (f.num === 2)
            raw = bytesOf(f);
    }
    const fs = fields(raw);
    const obj = { apiVersion, kind };
    const meta = fs.find((f) => f.num === 1);
    obj['metadata'] = meta ? objectMeta(bytesOf(meta)) : {};
    if (apiVersion !== 'v1')
        return undefined;
    switch (kind) {
        case 'Namespace': {
            const spec = fs.find((f) => f.num === 2);
            if (spec) {
                const fin = fields(bytesOf(spec))
                    .filter((f) => f.num === 1)
                    .map(protobuf_text);
                if (fin.length > 0)
                    obj['spec'] = { finalizers: fin };
            }
            return obj;
        }
        case 'ConfigMap': {
            const data = fs.filter((f) => f.num === 2);
            if (data.length > 0)
                obj['data'] = map(data, false);
            const bin = fs.filter((f) => f.num === 3);
            if (bin.length > 0)
                obj['binaryData'] = map(bin, true);
            const imm = fs.find((f) => f.num === 4);
            if (imm)
                obj['immutable'] = imm.value === 1n;
            return obj;
        }
        case 'Secret': {
            const data = fs.filter((f) => f.num === 2);
            if (data.length > 0)
                obj['data'] = map(data, true);
            const type = fs.find((f) => f.num === 3);
            if (type)
                obj['type'] = protobuf_text(type);
            const sd = fs.filter((f) => f.num === 4);
            if (sd.length > 0)
                obj['stringData'] = map(sd, false);
            const imm = fs.find((f) => f.num === 5);
            if (imm)
                obj['immutable'] = imm.value === 1n;
            return obj;
        }
        default:
            return undefined;
    }
}

;// CONCATENATED MODULE: ./src/sim/api/context.ts
// The small typed interface between the API server's modules: the parsed request, the resource
// it addresses, the reply, and the shared state (store, faults, clock, served types) that the
// verb, watch, apply and admission modules read and write through.
/** An answer to write: a string body goes out as text/plain, anything else as JSON. */
class Reply {
    code;
    body;
    headers;
    constructor(code, body, headers = {}) {
        this.code = code;
        this.body = body;
        this.headers = headers;
    }
}
/** The store key of a type: `<group>/<resource>`. */
function context_keyOf(rt) {
    return `${rt.group}/${rt.resource}`;
}
function apiVersionOf(rt, version) {
    return rt.group === '' ? version : `${rt.group}/${version}`;
}
/** Store a new or changed object; a CRD changes the served types. */
function storeObject(ctx, rt, o, type) {
    const stored = ctx.store.put(context_keyOf(rt), o, type);
    if (rt.resource === 'customresourcedefinitions')
        ctx.refreshTypes();
    return stored;
}

;// CONCATENATED MODULE: ./src/sim/api/request.ts
// Reading a request and writing a reply the way the real server does: body decoding (JSON,
// YAML, protobuf) with apimachinery's error wording, the common query options (dryRun,
// fieldManager, Table output), and the JSON/text response framing.





function send(res, reply) {
    if (res.headersSent || res.destroyed)
        return;
    if (typeof reply.body === 'string') {
        res.writeHead(reply.code, {
            'Content-Type': 'text/plain; charset=utf-8',
            'X-Content-Type-Options': 'nosniff',
            ...reply.headers,
        });
        res.end(reply.body);
        return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.code, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-cache, private',
        ...reply.headers,
    });
    res.end(text);
}
function methodNotAllowedReply() {
    return new Reply(405, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}));
}
/** The media type of the request body, without parameters. */
function contentType(r, fallback) {
    return (str(r.headers['content-type'] ?? fallback)
        .split(';')[0]
        ?.trim() ?? '');
}
function parseBody(r, rr) {
    const ct = contentType(r, 'application/json');
    const text = r.body.toString('utf8');
    const kind = rr.subresource === 'scale' ? 'Scale' : rr.rt.kind;
    let v;
    if (ct === 'application/json' || ct === '' || ct === '*/*') {
        try {
            v = JSON.parse(text);
        }
        catch (e) {
            throw badRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${goJsonError(text, e)} (${summarize(text)})`);
        }
    }
    else if (ct === 'application/yaml') {
        try {
            v = (0,js_yaml/* load */.Hh)(text);
        }
        catch (e) {
            throw badRequest(`the object provided is unrecognized (must be of type ${kind}): ${e instanceof Error ? e.message.split('\n')[0] : str(e)}`);
        }
    }
    else if (ct === 'application/vnd.kubernetes.protobuf') {
        let decoded;
        try {
            decoded = decodeProtobuf(r.body);
        }
        catch {
            decoded = undefined;
        }
        if (!decoded)
            throw unsupportedMediaType(['application/json', 'application/yaml']);
        v = decoded;
    }
    else {
        throw unsupportedMediaType([
            'application/json',
            'application/yaml',
            'application/vnd.kubernetes.protobuf',
        ]);
    }
    if (!isObject(v))
        throw badRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (${summarize(text)})`);
    return v;
}
/** The field manager of a write: `fieldManager`, else the fallback, else the user agent's product. */
function fieldManager(r, fallback) {
    const fm = r.query.get('fieldManager');
    if (fm)
        return fm;
    if (fallback)
        return fallback;
    const ua = str(r.headers['user-agent'] ?? '');
    return (ua.split('/')[0] ?? '') || 'unknown';
}
function dryRun(r) {
    const d = r.query.getAll('dryRun');
    for (const x of d)
        if (x !== 'All')
            throw badRequest(`Invalid dry run value: ${x}`);
    return d.length > 0;
}
function tableRequest(r) {
    const accept = str(r.headers.accept ?? '');
    if (!/as=Table/.test(accept))
        return undefined;
    const inc = r.query.get('includeObject');
    return inc === 'None' || inc === 'Object' ? inc : 'Metadata';
}
/** apimachinery's summarizeData: the first 30 bytes, then " ...". */
function summarize(text) {
    return text.length > 30 ? `${text.slice(0, 30)} ...` : text;
}
/** encoding/json's wording for a syntax error. */
function goJsonError(text, e) {
    const msg = e instanceof Error ? e.message : str(e);
    if (/end of JSON input|Unterminated|Unexpected end/i.test(msg))
        return 'unexpected end of JSON input';
    const m = /position (\d+)/.exec(msg);
    const ch = m ? text[Number(m[1])] : text.trim()[0];
    if (ch === undefined)
        return 'unexpected end of JSON input';
    return `invalid character ${goChar(ch)} looking for beginning of value`;
}
function goChar(ch) {
    const code = ch.charCodeAt(0);
    if (ch === "'")
        return "'\\''";
    return code >= 0x20 && code < 0x7f ? `'${ch}'` : `'\\u${code.toString(16).padStart(4, '0')}'`;
}
function safeJson(s) {
    try {
        return JSON.parse(s);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/sim/api/registry.ts
// The generic registry between the verbs and the store: an object as a requested version shows
// it, the preparation of a new object, and the one commit path every write goes through (what a
// subresource may change, generation, managedFields, no-op writes, dry run, finalizers).










/** An object as the client's requested version shows it (all versions share one schema here). */
function view(rt, version, o) {
    const out = clone(o);
    out['apiVersion'] = rt.group === '' ? version : `${rt.group}/${version}`;
    if (!out['kind'])
        out['kind'] = rt.kind;
    return reorder(out);
}
function prepareCreate(ctx, rt, version, namespace, body, manager) {
    const o = clone(body);
    o['apiVersion'] = apiVersionOf(rt, rt.storageVersion);
    o['kind'] = rt.kind;
    const meta = { ...metaOf(o) };
    if (!meta['name'] && typeof meta['generateName'] === 'string' && meta['generateName']) {
        const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
        let suffix = '';
        for (let i = 0; i < 5; i++)
            suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
        meta['name'] = `${meta['generateName']}${suffix}`;
    }
    if (rt.namespaced)
        meta['namespace'] = namespace;
    else
        delete meta['namespace'];
    meta['uid'] = (0,external_node_crypto_.randomUUID)();
    meta['creationTimestamp'] = nowSeconds(ctx.now());
    delete meta['resourceVersion'];
    delete meta['deletionTimestamp'];
    delete meta['managedFields'];
    delete meta['selfLink'];
    if (rt.generation)
        meta['generation'] = 1;
    else
        delete meta['generation'];
    o['metadata'] = meta;
    if (rt.status && rt.kind !== 'Namespace' && rt.kind !== 'Service')
        delete o['status'];
    decodeCustom(rt, o);
    defaults(rt, o);
    if (rt.kind === 'CustomResourceDefinition')
        o['status'] = crdStatus(o, ctx.now());
    validate(rt, o, true);
    // Validating admission webhooks run after the registry's own validation, dry run included.
    istioWebhookAdmission(rt, o);
    meta['managedFields'] = recordUpdate(undefined, 
    // Status is a reset field (1.22+): neither client status nor status defaults are owned.
    stripStatusFor(rt, o), manager, apiVersionOf(rt, version), '', fieldSchema(rt), ctx.now());
    strategy(ctx, rt, o);
    return o;
}
/**
 * Store a changed object: keeps what the subresource may not change, bumps generation on spec
 * changes, records managedFields for non-apply writes, skips no-op writes, honours dry run.
 */
function commit(ctx, rr, old, candidate, r, opts) {
    const rt = rr.rt;
    const requestMeta = clone(metaOf(candidate));
    const o = clone(candidate);
    decodeCustom(rt, o);
    const oldMeta = metaOf(old);
    const meta = { ...metaOf(o) };
    o['apiVersion'] = apiVersionOf(rt, rt.storageVersion);
    o['kind'] = rt.kind;
    if (rr.subresource === 'status') {
        // Through /status only status changes.
        for (const k of Object.keys(o))
            if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k))
                delete o[k];
        for (const k of Object.keys(old))
            if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k))
                o[k] = clone(old[k] ?? null);
        // Metadata (labels too) is not writable through /status; only managedFields travel.
        const managedFields = meta['managedFields'];
        for (const k of Object.keys(meta))
            delete meta[k];
        Object.assign(meta, clone(oldMeta));
        if (managedFields !== undefined)
            meta['managedFields'] = managedFields;
    }
    else if (rt.status && rt.kind !== 'Service' && rt.kind !== 'Namespace') {
        if (old['status'] === undefined)
            delete o['status'];
        else
            o['status'] = clone(old['status'] ?? null);
    }
    else if (rt.kind === 'Namespace') {
        o['status'] = clone(old['status'] ?? null);
    }
    for (const k of [
        'uid',
        'creationTimestamp',
        'deletionTimestamp',
        'namespace',
        'name',
        'generation',
        'selfLink',
    ]) {
        if (oldMeta[k] === undefined)
            delete meta[k];
        else
            meta[k] = clone(oldMeta[k] ?? null);
    }
    meta['resourceVersion'] = oldMeta['resourceVersion'] ?? null;
    o['metadata'] = meta;
    if (rr.subresource !== 'status') {
        defaults(rt, o);
        strategy(ctx, rt, o, old);
    }
    if (rt.generation && !deepEqual(specPart(old), specPart(o)))
        meta['generation'] = Number(oldMeta['generation'] ?? 0) + 1;
    validate(rt, o, false);
    if (rr.subresource !== 'status')
        istioWebhookAdmission(rt, o);
    if (opts.managed !== 'apply') {
        // Through /status only spec is a reset field: label changes are dropped from the object but,
        // as on the real server, still recorded as owned by the writer.
        const recorded = clone(o);
        if (rr.subresource === 'status') {
            const rm = metaOf(recorded);
            for (const k of ['labels', 'annotations'])
                if (isObject(requestMeta[k]))
                    rm[k] = clone(requestMeta[k]);
        }
        meta['managedFields'] = recordUpdate(withoutStatusSplit(rt, old, rr.subresource), withoutStatusSplit(rt, recorded, rr.subresource), opts.manager ?? fieldManager(r), apiVersionOf(rt, rr.version), rr.subresource === 'status' ? 'status' : '', fieldSchema(rt), ctx.now());
        // Entries of the other half (status vs main) are untouched by this write.
        meta['managedFields'] = mergeOtherHalf(oldMeta['managedFields'], meta['managedFields'], rr.subresource === 'status');
    }
    if (deepEqual(withoutVolatile(old), withoutVolatile(o)))
        return old;
    if (opts.dry)
        return o;
    // Removing the last finalizer of an object being deleted completes the deletion.
    if (meta['deletionTimestamp'] &&
        (!Array.isArray(meta['finalizers']) || meta['finalizers'].length === 0) &&
        rt.kind !== 'Namespace') {
        return ctx.store.remove(context_keyOf(rt), str(meta['namespace'] ?? ''), str(meta['name'])) ?? o;
    }
    return storeObject(ctx, rt, o, 'MODIFIED');
}
function existing(ctx, rr) {
    const o = ctx.store.get(context_keyOf(rr.rt), rr.namespace, rr.name);
    if (!o)
        throw notFound(rr.rt.resource, rr.group, rr.name);
    return o;
}
function specPart(o) {
    const out = {};
    for (const [k, v] of Object.entries(o))
        if (!['metadata', 'status', 'apiVersion', 'kind'].includes(k))
            out[k] = v;
    return out;
}
/** What makes a write a no-op: equal content and equal field ownership (timestamps aside). */
function withoutVolatile(o) {
    const c = clone(o);
    const m = metaOf(c);
    const mf = Array.isArray(m['managedFields']) ? m['managedFields'] : [];
    m['managedFields'] = mf.filter(isObject).map((e) => {
        const { time: _time, ...rest } = e;
        return rest;
    });
    delete m['resourceVersion'];
    return c;
}
/** The half of an object a write through the main resource (or /status) may touch, for managedFields. */
function withoutStatusSplit(rt, o, subresource) {
    if (!rt.status || rt.kind === 'Service' || rt.kind === 'Namespace')
        return o;
    const c = clone(o);
    if (subresource === 'status') {
        for (const k of Object.keys(c))
            if (!['apiVersion', 'kind', 'status'].includes(k))
                delete c[k];
        const m = metaOf(o);
        c['metadata'] = {
            name: m['name'] ?? null,
            ...(isObject(m['labels']) ? { labels: m['labels'] } : {}),
            ...(isObject(m['annotations']) ? { annotations: m['annotations'] } : {}),
            managedFields: (m['managedFields'] ?? []),
        };
    }
    else
        delete c['status'];
    return c;
}
function stripStatusFor(rt, o) {
    return withoutStatusSplit(rt, o, '');
}
function mergeOtherHalf(oldMf, newMf, statusWrite) {
    const all = Array.isArray(newMf) ? newMf.filter(isObject) : [];
    const olds = Array.isArray(oldMf) ? oldMf.filter(isObject) : [];
    const isStatus = (e) => e['subresource'] === 'status';
    const kept = olds.filter((e) => isStatus(e) !== statusWrite);
    const mine = all.filter((e) => isStatus(e) === statusWrite);
    return [...mine, ...kept].sort((p, q) => str(p['operation']).localeCompare(str(q['operation'])) || str(p['time']).localeCompare(str(q['time'])));
}
/** apiVersion, kind, metadata first, as the real server serializes. */
function reorder(o) {
    const out = {};
    for (const k of ['apiVersion', 'kind', 'metadata'])
        if (o[k] !== undefined)
            out[k] = o[k];
    for (const [k, v] of Object.entries(o))
        if (!(k in out))
            out[k] = v;
    return out;
}

;// CONCATENATED MODULE: ./src/sim/api/discovery.ts
// Discovery documents (/api, /apis, group-version resource lists), /version, the OpenAPI v3
// documents kubectl reads to learn that the server validates fields itself (fieldValidation),
// and the Table rendering `kubectl get` asks for.



const SERVER_VERSION = {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0',
    gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
    gitTreeState: 'clean',
    buildDate: '2024-12-11T17:59:15Z',
    goVersion: 'go1.23.3',
    compiler: 'gc',
    platform: 'linux/amd64',
};
function storageVersionHash(rt) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(`${rt.group}/${rt.storageVersion}/${rt.kind}`)
        .digest('base64')
        .slice(0, 11);
}
function apiVersions(hostPort) {
    return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: hostPort }],
    };
}
function groupsOf(types) {
    const groups = new Map();
    for (const t of types) {
        if (t.group === '')
            continue;
        const vs = groups.get(t.group) ?? [];
        for (const v of t.versions)
            if (!vs.includes(v))
                vs.push(v);
        groups.set(t.group, vs);
    }
    return groups;
}
function apiGroup(name, versions, sort) {
    const vs = sort(versions).map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
    return { name, versions: vs, preferredVersion: vs[0] ?? null };
}
function apiGroupList(types, sort) {
    return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...groupsOf(types)].map(([name, vs]) => apiGroup(name, vs, sort)),
    };
}
function apiGroupDoc(types, group, sort) {
    const vs = groupsOf(types).get(group);
    if (!vs)
        return undefined;
    return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, vs, sort) };
}
function resourceList(types, group, version) {
    const mine = types.filter((t) => t.group === group && t.versions.includes(version));
    if (mine.length === 0 && !(group === '' && version === 'v1'))
        return undefined;
    const resources = [];
    for (const t of mine) {
        const r = {
            name: t.resource,
            singularName: t.singular,
            namespaced: t.namespaced,
            kind: t.kind,
            verbs: t.verbs,
        };
        if (t.shortNames.length > 0)
            r['shortNames'] = t.shortNames;
        if (t.categories.length > 0)
            r['categories'] = t.categories;
        if (t.stored)
            r['storageVersionHash'] = storageVersionHash(t);
        resources.push(r);
        if (t.resource === 'namespaces')
            resources.push({
                name: 'namespaces/finalize',
                singularName: '',
                namespaced: false,
                kind: 'Namespace',
                verbs: ['update'],
            });
        if (t.status)
            resources.push({
                name: `${t.resource}/status`,
                singularName: '',
                namespaced: t.namespaced,
                kind: t.kind,
                verbs: ['get', 'patch', 'update'],
            });
        if (t.scale)
            resources.push({
                name: `${t.resource}/scale`,
                singularName: '',
                namespaced: t.namespaced,
                group: 'autoscaling',
                version: 'v1',
                kind: 'Scale',
                verbs: ['get', 'patch', 'update'],
            });
    }
    return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group === '' ? version : `${group}/${version}`,
        resources,
    };
}
const gvPath = (group, version) => group === '' ? `api/${version}` : `apis/${group}/${version}`;
function openapiV3Root(types) {
    const paths = {};
    const gvs = new Set(['|v1']);
    for (const t of types)
        for (const v of t.versions)
            gvs.add(`${t.group}|${v}`);
    for (const gv of [...gvs].sort()) {
        const [group = '', version = ''] = gv.split('|');
        const doc = openapiV3Doc(types, group, version);
        const hash = (0,external_node_crypto_.createHash)('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
        paths[gvPath(group, version)] = {
            serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${hash}`,
        };
    }
    return { paths };
}
const q = (name, description) => ({
    name,
    in: 'query',
    description,
    schema: { type: 'string', uniqueItems: true },
});
function openapiV3Doc(types, group, version) {
    const paths = {};
    const schemas = {};
    for (const t of types.filter((x) => x.group === group && x.versions.includes(version))) {
        const gvk = { group: t.group, version, kind: t.kind };
        const ref = `#/components/schemas/${schemaName(t, version)}`;
        const body = { content: { 'application/json': { schema: { $ref: ref } } } };
        const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } } };
        const common = [
            q('dryRun', 'When present, indicates that modifications should not be persisted.'),
            q('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
            q('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.'),
        ];
        const post = {
            operationId: `create${t.kind}`,
            'x-kubernetes-action': 'post',
            'x-kubernetes-group-version-kind': gvk,
            parameters: common,
            requestBody: body,
            responses: ok,
        };
        const base = `/${gvPath(group, version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.resource}`;
        const item = {
            get: {
                operationId: `read${t.kind}`,
                'x-kubernetes-action': 'get',
                'x-kubernetes-group-version-kind': gvk,
                responses: ok,
            },
            put: {
                operationId: `replace${t.kind}`,
                'x-kubernetes-action': 'put',
                'x-kubernetes-group-version-kind': gvk,
                parameters: common,
                requestBody: body,
                responses: ok,
            },
            patch: {
                operationId: `patch${t.kind}`,
                'x-kubernetes-action': 'patch',
                'x-kubernetes-group-version-kind': gvk,
                parameters: [...common, q('force', 'Force is going to "force" Apply requests.')],
                requestBody: {
                    content: {
                        'application/apply-patch+yaml': { schema: { type: 'object' } },
                        'application/json-patch+json': { schema: { type: 'object' } },
                        'application/merge-patch+json': { schema: { type: 'object' } },
                        ...(t.builtIn
                            ? { 'application/strategic-merge-patch+json': { schema: { type: 'object' } } }
                            : {}),
                    },
                },
                responses: ok,
            },
            delete: {
                operationId: `delete${t.kind}`,
                'x-kubernetes-action': 'delete',
                'x-kubernetes-group-version-kind': gvk,
                parameters: [q('dryRun', '')],
                responses: { '200': { description: 'OK' } },
            },
            parameters: [
                { name: 'name', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } },
                ...(t.namespaced
                    ? [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } }]
                    : []),
            ],
        };
        if (!t.stored) {
            paths[`/${gvPath(group, version)}/${t.resource}`] = { post };
        }
        else {
            paths[`${base}/{name}`] = item;
            paths[base] = {
                get: {
                    operationId: `list${t.kind}`,
                    'x-kubernetes-action': 'list',
                    'x-kubernetes-group-version-kind': gvk,
                    responses: { '200': { description: 'OK' } },
                },
                post,
            };
        }
        const own = t.schema && isObject(t.schema['properties']) ? t.schema['properties'] : undefined;
        schemas[schemaName(t, version)] = {
            ...(t.schema ?? {}),
            type: 'object',
            description: own
                ? `${t.kind}: its CRD's schema, which the embedded mesh prunes, defaults and validates by.`
                : `${t.kind} (embedded mesh: fields are not validated against a schema).`,
            properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                ...(own ?? {
                    spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                    status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                }),
            },
            'x-kubernetes-group-version-kind': [gvk],
        };
    }
    return {
        openapi: '3.0.0',
        info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
        paths,
        components: {
            schemas,
            securitySchemes: {
                BearerToken: {
                    type: 'apiKey',
                    description: 'Bearer Token authentication',
                    name: 'authorization',
                    in: 'header',
                },
            },
        },
    };
}
function schemaName(t, version) {
    if (!t.builtIn)
        return `${t.group.split('.').reverse().join('.')}.${version}.${t.kind}`;
    return `io.k8s.api.${t.group === '' ? 'core' : t.group.split('.')[0]}.${version}.${t.kind}`;
}
/** A minimal Swagger 2.0 document for clients that still ask for /openapi/v2 as JSON. */
function openapiV2(types) {
    const definitions = {};
    for (const t of types)
        for (const v of t.versions)
            definitions[schemaName(t, v)] = {
                type: 'object',
                'x-kubernetes-group-version-kind': [{ group: t.group, version: v, kind: t.kind }],
            };
    return {
        swagger: '2.0',
        info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
        paths: {},
        definitions,
    };
}
// ---- Tables ----
function age(ts, now) {
    if (typeof ts !== 'string')
        return '<unknown>';
    const s = Math.max(0, Math.floor((now.getTime() - Date.parse(ts)) / 1000));
    const m = Math.floor(s / 60);
    const h = Math.floor(m / 60);
    const d = Math.floor(h / 24);
    if (s < 120)
        return `${s}s`;
    if (m < 10)
        return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
    if (h < 3)
        return `${m}m`;
    if (h < 8)
        return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
    if (h < 48)
        return `${h}h`;
    if (d < 8)
        return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
    return `${d}d`;
}
const col = (name, type, cell, priority = 0, format = '') => ({
    def: { name, type, format, description: name, priority },
    cell,
});
function jsonPath(o, path) {
    let cur = o;
    for (const part of path.replace(/^\./, '').split('.')) {
        if (!isObject(cur))
            return undefined;
        cur = cur[part];
    }
    return cur;
}
function columns(t) {
    const name = col('Name', 'string', (o) => str(metaOf(o)['name'] ?? ''), 0, 'name');
    const ageCol = col('Age', 'string', (o, now) => age(metaOf(o)['creationTimestamp'], now));
    const spec = (o) => obj(o['spec']);
    const status = (o) => obj(o['status']);
    const n = (v) => (typeof v === 'number' ? v : 0);
    switch (t.kind) {
        case 'Deployment':
            return [
                name,
                col('Ready', 'string', (o) => `${n(status(o)['readyReplicas'])}/${typeof spec(o)['replicas'] === 'number' ? n(spec(o)['replicas']) : 1}`),
                col('Up-to-date', 'integer', (o) => n(status(o)['updatedReplicas'])),
                col('Available', 'integer', (o) => n(status(o)['availableReplicas'])),
                ageCol,
                col('Containers', 'string', (o) => containers(o)
                    .map((c) => str(c['name'] ?? ''))
                    .join(','), 1),
                col('Images', 'string', (o) => containers(o)
                    .map((c) => str(c['image'] ?? ''))
                    .join(','), 1),
                col('Selector', 'string', (o) => selectorString(obj(obj(spec(o)['selector'])['matchLabels'])), 1),
            ];
        case 'Service':
            return [
                name,
                col('Type', 'string', (o) => str(spec(o)['type'] ?? 'ClusterIP')),
                col('Cluster-IP', 'string', (o) => str(spec(o)['clusterIP'] ?? '<none>')),
                col('External-IP', 'string', () => '<none>'),
                col('Port(s)', 'string', (o) => (Array.isArray(spec(o)['ports']) ? spec(o)['ports'] : [])
                    .filter(isObject)
                    .map((p) => `${str(p['port'])}/${str(p['protocol'] ?? 'TCP')}`)
                    .join(',') || '<none>'),
                ageCol,
                col('Selector', 'string', (o) => selectorString(obj(spec(o)['selector'])) || '<none>', 1),
            ];
        case 'Namespace':
            return [name, col('Status', 'string', (o) => str(status(o)['phase'] ?? '')), ageCol];
        case 'Pod': {
            const cs = (o) => (Array.isArray(status(o)['containerStatuses'])
                ? status(o)['containerStatuses']
                : []).filter(isObject);
            return [
                name,
                col('Ready', 'string', (o) => `${cs(o).filter((c) => c['ready'] === true).length}/${cs(o).length}`),
                col('Status', 'string', (o) => {
                    const waiting = cs(o)
                        .map((c) => obj(obj(c['state'])['waiting'])['reason'])
                        .find((r) => typeof r === 'string');
                    return typeof waiting === 'string' ? waiting : str(status(o)['phase'] ?? '');
                }),
                col('Restarts', 'integer', (o) => cs(o).reduce((a, c) => a + n(c['restartCount']), 0)),
                ageCol,
                col('IP', 'string', (o) => str(status(o)['podIP'] ?? '<none>'), 1),
                col('Node', 'string', (o) => str(spec(o)['nodeName'] ?? '<none>'), 1),
            ];
        }
        case 'ConfigMap':
            return [
                name,
                col('Data', 'integer', (o) => Object.keys(obj(o['data'])).length + Object.keys(obj(o['binaryData'])).length),
                ageCol,
            ];
        case 'Secret':
            return [
                name,
                col('Type', 'string', (o) => str(o['type'] ?? 'Opaque')),
                col('Data', 'integer', (o) => Object.keys(obj(o['data'])).length),
                ageCol,
            ];
        case 'Lease':
            return [name, col('Holder', 'string', (o) => str(spec(o)['holderIdentity'] ?? '')), ageCol];
        case 'CustomResourceDefinition':
            return [name, col('Created At', 'date', (o) => str(metaOf(o)['creationTimestamp'] ?? ''))];
        default:
            if (t.builtIn)
                return [name, ageCol];
            return [
                name,
                ...t.printerColumns.map((c) => col(c.name, c.type, (o, now) => {
                    const v = jsonPath(o, c.jsonPath);
                    // The real CRD table convertor humanizes date columns.
                    if (c.type === 'date')
                        return typeof v === 'string' ? age(v, now) : null;
                    return v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
                }, c.priority ?? 0)),
            ];
    }
}
function containers(o) {
    const cs = obj(obj(obj(o['spec'])['template'])['spec'])['containers'];
    return Array.isArray(cs) ? cs.filter(isObject) : [];
}
function selectorString(m) {
    return Object.entries(m)
        .map(([k, v]) => `${k}=${str(v)}`)
        .join(',');
}
function toTable(t, objects, rv, now, include, withDefinitions = true, cont) {
    const cols = columns(t);
    const rows = objects.map((o) => {
        const row = { cells: cols.map((c) => c.cell(o, now)) };
        if (include === 'Object')
            row['object'] = o;
        else if (include === 'Metadata')
            row['object'] = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: metaOf(o) };
        return row;
    });
    const metadata = { resourceVersion: rv };
    if (cont)
        metadata['continue'] = cont;
    return {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata,
        columnDefinitions: withDefinitions ? cols.map((c) => c.def) : [],
        rows,
    };
}

;// CONCATENATED MODULE: ./src/sim/api/selectors.ts
// Label selectors (equality and set-based) and field selectors, parsed as apimachinery does.

function splitTop(s) {
    const out = [];
    let depth = 0;
    let cur = '';
    for (const ch of s) {
        if (ch === '(')
            depth++;
        if (ch === ')')
            depth--;
        if (ch === ',' && depth === 0) {
            out.push(cur);
            cur = '';
        }
        else
            cur += ch;
    }
    out.push(cur);
    return out.map((x) => x.trim()).filter((x) => x !== '');
}
const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
function checkKey(k) {
    if (!KEY.test(k))
        throw badRequest(`unable to parse requirement: <nil>: Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
    return k;
}
function checkValue(v) {
    if (!VALUE.test(v))
        throw badRequest(`unable to parse requirement: values[0][]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
    return v;
}
function parseLabelSelector(sel) {
    if (!sel || sel.trim() === '')
        return () => true;
    const reqs = splitTop(sel).map((part) => {
        let m;
        if ((m = part.match(/^!\s*(\S+)$/)))
            return { op: 'notexists', key: checkKey(m[1] ?? '') };
        if (/^\S+\s+(in|notin)\s*\([^)]*$/.test(part))
            throw badRequest("unable to parse requirement: found '', expected: ',', ')' or identifier");
        if ((m = part.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
            const values = (m[3] ?? '').split(',').map((v) => checkValue(v.trim()));
            return { op: m[2] === 'in' ? 'in' : 'notin', key: checkKey(m[1] ?? ''), values };
        }
        if ((m = part.match(/^([^=!<>\s]+)\s*(==|=|!=)\s*(\S*)$/))) {
            const key = checkKey(m[1] ?? '');
            const value = checkValue(m[3] ?? '');
            return m[2] === '!=' ? { op: 'notin', key, values: [value] } : { op: 'in', key, values: [value] };
        }
        if ((m = part.match(/^([^=!<>\s]+)\s*([<>])\s*(-?\d+)$/)))
            return { op: m[2] === '>' ? 'gt' : 'lt', key: checkKey(m[1] ?? ''), value: Number(m[3]) };
        if ((m = part.match(/^([^=!<>\s()]+)$/)))
            return { op: 'exists', key: checkKey(m[1] ?? '') };
        throw badRequest(`unable to parse requirement: found '${part}', expected: ',', '!=', '==', '=', 'in', 'notin'`);
    });
    return (labels) => reqs.every((r) => {
        const has = Object.prototype.hasOwnProperty.call(labels, r.key);
        const v = labels[r.key];
        switch (r.op) {
            case 'exists':
                return has;
            case 'notexists':
                return !has;
            case 'in':
                return has && r.values.includes(v ?? '');
            case 'notin':
                return !has || !r.values.includes(v ?? '');
            case 'gt':
                return has && Number(v) > r.value;
            case 'lt':
                return has && Number(v) < r.value;
        }
        return false;
    });
}
function parseFieldSelector(sel, allowed) {
    if (!sel || sel.trim() === '')
        return () => true;
    const reqs = splitTop(sel).map((part) => {
        const m = part.match(/^([^=!]+?)\s*(==|=|!=)\s*(.*)$/);
        if (!m)
            throw badRequest(`invalid selector: '${sel}'; can't understand '${part}'`);
        const field = m[1] ?? '';
        if (!allowed.includes(field))
            throw badRequest(`field label not supported: ${field}`);
        return { field, neg: m[2] === '!=', value: m[3] ?? '' };
    });
    return (fields) => reqs.every((r) => ((fields[r.field] ?? '') === r.value) !== r.neg);
}

;// CONCATENATED MODULE: ./src/sim/api/scale.ts
// The /scale subresource: a Deployment seen as an autoscaling/v1 Scale, and a write to it that
// changes only spec.replicas of the Deployment, through the common commit path.







function scaleOf(d) {
    const m = metaOf(d);
    const spec = obj(d['spec']);
    const sel = obj(obj(spec['selector'])['matchLabels']);
    return {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
            name: m['name'] ?? null,
            namespace: m['namespace'] ?? null,
            uid: m['uid'] ?? null,
            resourceVersion: m['resourceVersion'] ?? null,
            creationTimestamp: m['creationTimestamp'] ?? null,
        },
        spec: { replicas: typeof spec['replicas'] === 'number' ? spec['replicas'] : 1 },
        status: {
            replicas: obj(d['status'])['replicas'] ?? 0,
            selector: Object.entries(sel)
                .map(([k, v]) => `${k}=${str(v)}`)
                .join(','),
        },
    };
}
function updateScale(ctx, rr, r, body) {
    checkTypeMeta(rr, body, 'Scale', 'autoscaling/v1');
    const old = existing(ctx, rr);
    const rv = metaOf(body)['resourceVersion'];
    if (typeof rv === 'string' && rv !== '' && rv !== metaOf(old)['resourceVersion'])
        throw conflict(rr.rt.resource, rr.group, rr.name);
    const replicas = obj(body['spec'])['replicas'];
    if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas))
        throw invalid('Scale', 'autoscaling', rr.name, [
            {
                type: 'FieldValueInvalid',
                field: 'spec.replicas',
                value: replicas ?? null,
                detail: 'must be greater than or equal to 0',
            },
        ]);
    const next = clone(old);
    next['spec'] = { ...obj(old['spec']), replicas };
    const main = { ...rr, subresource: '' };
    const stored = commit(ctx, main, old, next, r, { dry: dryRun(r) });
    return new Reply(200, scaleOf(stored));
}

;// CONCATENATED MODULE: ./src/sim/api/reads.ts
// The read verbs: get and list (label and field selectors, limit/continue with the real
// server's token checks and 410 for a compacted continue), as objects or as Tables.









function getObject(ctx, rr, r) {
    const o = ctx.store.get(context_keyOf(rr.rt), rr.namespace, rr.name);
    if (!o)
        throw notFound(rr.rt.resource, rr.group, rr.name);
    if (rr.subresource === 'scale')
        return new Reply(200, scaleOf(o));
    const v = view(rr.rt, rr.version, o);
    const t = tableRequest(r);
    if (t)
        return new Reply(200, toTable(rr.rt, [v], str(metaOf(o)['resourceVersion']), ctx.now(), t));
    return new Reply(200, v);
}
function matcher(rr, r) {
    const labels = parseLabelSelector(r.query.get('labelSelector') ?? undefined);
    const allowed = [
        'metadata.name',
        'metadata.namespace',
        ...(rr.rt.kind === 'Namespace' ? ['status.phase'] : []),
        ...(rr.rt.kind === 'Secret' ? ['type'] : []),
    ];
    const fields = parseFieldSelector(r.query.get('fieldSelector') ?? undefined, allowed);
    return (o) => {
        const m = metaOf(o);
        const fv = {
            'metadata.name': str(m['name'] ?? ''),
            'metadata.namespace': str(m['namespace'] ?? ''),
        };
        if (rr.rt.kind === 'Namespace')
            fv['status.phase'] = str(obj(o['status'])['phase'] ?? '');
        if (rr.rt.kind === 'Secret')
            fv['type'] = str(o['type'] ?? '');
        const ls = isObject(m['labels']) ? m['labels'] : {};
        return labels(ls) && fields(fv);
    };
}
function listObjects(ctx, rr, r) {
    const match = matcher(rr, r);
    const limit = Number(r.query.get('limit') ?? '0');
    const cont = r.query.get('continue') ?? '';
    let listRv = ctx.store.resourceVersion;
    let after = '';
    if (cont) {
        const decoded = Buffer.from(cont, 'base64').toString('latin1');
        let parsed;
        try {
            parsed = JSON.parse(decoded);
        }
        catch (e) {
            throw badRequest(`invalid continue token: continue key is not valid: ${goJsonError(decoded, e)}`);
        }
        try {
            const tok = parsed;
            if (tok.v !== 'meta.k8s.io/v1' || typeof tok.rv !== 'number' || typeof tok.start !== 'string')
                throw new Error('bad');
            if (tok.rv < ctx.store.compactedRevision)
                throw new ApiError(failure(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'));
            listRv = tok.rv;
            after = tok.start;
        }
        catch (e) {
            if (e instanceof ApiError)
                throw e;
            throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
        }
    }
    const all = ctx.store
        .list(context_keyOf(rr.rt), rr.rt.namespaced && rr.namespace ? rr.namespace : undefined)
        .filter((o) => sortKey(o) > after)
        .filter(match);
    let items = all;
    let next;
    let remaining;
    if (limit > 0 && all.length > limit) {
        items = all.slice(0, limit);
        const last = items[items.length - 1];
        next = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: listRv, start: last ? sortKey(last) : '' })).toString('base64');
        remaining = all.length - limit;
    }
    const views = items.map((o) => view(rr.rt, rr.version, o));
    const t = tableRequest(r);
    if (t)
        return new Reply(200, toTable(rr.rt, views, str(listRv), ctx.now(), t, true, next));
    // Custom resource lists (unstructured) always carry "continue"; typed lists omit it when empty.
    const metadata = rr.rt.builtIn ? {} : { continue: next ?? '' };
    if (next)
        metadata['continue'] = next;
    if (remaining !== undefined)
        metadata['remainingItemCount'] = remaining;
    metadata['resourceVersion'] = str(listRv);
    return new Reply(200, {
        kind: rr.rt.listKind,
        apiVersion: apiVersionOf(rr.rt, rr.version),
        metadata,
        items: views,
    });
}
function sortKey(o) {
    const m = metaOf(o);
    return `${str(m['namespace'] ?? '')}/${str(m['name'] ?? '')}`;
}

;// CONCATENATED MODULE: ./src/sim/api/watch.ts
// Watches: the initial state or a replay from a resourceVersion (410 Expired once compacted),
// then live store events filtered by scope and selectors (a change across a selector reads as
// ADDED/DELETED), bookmarks, timeouts and injected drops. Every open watch ends on close().








class Watches {
    ctx;
    bookmarkIntervalMs;
    /** Many watches see the same stored object: it is serialized once per version. */
    serialized = new WeakMap();
    open = new Set();
    constructor(ctx, bookmarkIntervalMs) {
        this.ctx = ctx;
        this.bookmarkIntervalMs = bookmarkIntervalMs;
    }
    /** End every open watch stream. */
    closeAll() {
        for (const stop of [...this.open])
            stop();
    }
    serve(rr, r, res) {
        const match = matcher(rr, r);
        const rvParam = r.query.get('resourceVersion') ?? '';
        const bookmarks = r.query.get('allowWatchBookmarks') === 'true';
        const initial = r.query.get('sendInitialEvents') === 'true';
        const timeout = Number(r.query.get('timeoutSeconds') ?? '0');
        const table = tableRequest(r);
        const key = context_keyOf(rr.rt);
        const nsFilter = rr.rt.namespaced ? rr.namespace : '';
        if (rvParam !== '' && !/^\d+$/.test(rvParam))
            throw new ApiError(failure(500, '', `resourceVersion: Invalid value: "${rvParam}": strconv.ParseUint: parsing "${rvParam}": invalid syntax`));
        res.writeHead(200, {
            'Content-Type': 'application/json',
            'Cache-Control': 'no-cache, private',
            'Transfer-Encoding': 'chunked',
        });
        res.flushHeaders();
        let first = true;
        const write = (type, o) => {
            let object = o;
            if (type !== 'ERROR' && type !== 'BOOKMARK' && !table) {
                let byVersion = this.serialized.get(o);
                if (!byVersion) {
                    byVersion = new Map();
                    this.serialized.set(o, byVersion);
                }
                let text = byVersion.get(rr.version);
                if (text === undefined) {
                    text = JSON.stringify(view(rr.rt, rr.version, o));
                    byVersion.set(rr.version, text);
                }
                res.write(`{"type":${JSON.stringify(type)},"object":${text}}\n`);
                return;
            }
            if (type !== 'ERROR' && type !== 'BOOKMARK') {
                const v = view(rr.rt, rr.version, o);
                object = table
                    ? toTable(rr.rt, [v], str(metaOf(o)['resourceVersion']), this.ctx.now(), table, first)
                    : v;
                first = false;
            }
            res.write(`${JSON.stringify({ type, object })}\n`);
        };
        const bookmark = (annotations) => {
            const metadata = {
                resourceVersion: str(this.ctx.store.resourceVersion),
                creationTimestamp: null,
            };
            if (annotations)
                metadata['annotations'] = annotations;
            res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: rr.rt.kind, apiVersion: apiVersionOf(rr.rt, rr.version), metadata } })}\n`);
        };
        const inScope = (e) => e.key === key && (nsFilter === '' || e.namespace === nsFilter);
        const deliver = (e) => {
            if (!inScope(e))
                return;
            const now = match(e.object);
            const before = e.prev !== undefined && match(e.prev);
            if (e.type === 'ADDED') {
                if (now)
                    write('ADDED', e.object);
            }
            else if (e.type === 'DELETED') {
                if (before || now)
                    write('DELETED', e.object);
            }
            else if (now && before)
                write('MODIFIED', e.object);
            else if (now)
                write('ADDED', e.object);
            else if (before)
                write('DELETED', e.object);
        };
        let unsubscribe = () => { };
        const timers = [];
        const stop = () => {
            unsubscribe();
            for (const t of timers)
                clearTimeout(t);
            this.open.delete(stop);
            if (!res.writableEnded)
                res.end();
        };
        this.open.add(stop);
        res.on('close', stop);
        if (rvParam === '' || rvParam === '0' || initial) {
            for (const o of this.ctx.store.list(key, nsFilter || undefined))
                if (match(o))
                    write('ADDED', o);
            if (initial && bookmarks)
                bookmark({ 'k8s.io/initial-events-end': 'true' });
        }
        else {
            const since = this.ctx.store.since(Number(rvParam));
            if (since === 'expired') {
                write('ERROR', failure(410, 'Expired', `too old resource version: ${rvParam} (${this.ctx.store.compactedRevision + 1})`));
                stop();
                return;
            }
            for (const e of since)
                deliver(e);
        }
        unsubscribe = this.ctx.store.subscribe(deliver);
        if (bookmarks) {
            const tick = () => {
                bookmark();
                const t = setTimeout(tick, this.bookmarkIntervalMs);
                timers.push(t);
            };
            timers.push(setTimeout(tick, this.bookmarkIntervalMs));
        }
        if (timeout > 0)
            timers.push(setTimeout(stop, timeout * 1000));
        const drop = this.ctx.faults.current.dropWatchesAfterMs;
        if (drop > 0)
            timers.push(setTimeout(stop, drop));
    }
}

;// CONCATENATED MODULE: ./src/sim/api/namespaces.ts
// Namespace lifecycle: nothing is created in a missing or Terminating namespace, and a deleted
// namespace is emptied and removed after a delay, as the namespace controller does.



function checkNamespace(ctx, rr, name) {
    if (!rr.rt.namespaced)
        return;
    const ns = ctx.store.get('/namespaces', '', rr.namespace);
    if (!ns)
        throw notFound('namespaces', '', rr.namespace);
    if (metaOf(ns)['deletionTimestamp'] || obj(ns['status'])['phase'] === 'Terminating') {
        throw new ApiError(failure(403, 'Forbidden', `${qualified(rr.rt.resource, rr.group)} "${name}" is forbidden: unable to create new content in namespace ${rr.namespace} because it is being terminated`, {
            name,
            group: rr.group || undefined,
            kind: rr.rt.resource,
            causes: [
                {
                    reason: 'NamespaceTerminating',
                    message: `namespace ${rr.namespace} is being terminated`,
                    field: 'metadata.namespace',
                },
            ],
        }));
    }
}
/** Empties a deleted (Terminating) namespace after a delay, then removes it. */
class NamespaceFinalizer {
    store;
    delayMs;
    timers = new Set();
    closed = false;
    constructor(store, delayMs) {
        this.store = store;
        this.delayMs = delayMs;
    }
    schedule(ns) {
        const t = setTimeout(() => {
            this.timers.delete(t);
            this.finish(ns);
        }, this.delayMs);
        this.timers.add(t);
    }
    /** Cancel every pending finalization. */
    close() {
        this.closed = true;
        for (const t of this.timers)
            clearTimeout(t);
    }
    finish(ns) {
        if (this.closed)
            return;
        for (const key of this.store.keys()) {
            for (const o of this.store.list(key, ns)) {
                if (metaOf(o)['namespace'] === ns)
                    this.store.remove(key, ns, str(metaOf(o)['name']));
            }
        }
        this.store.remove('/namespaces', '', ns);
    }
}

;// CONCATENATED MODULE: ./src/sim/api/patch.ts
// The three non-apply patch types: RFC 7386 merge patch, RFC 6902 JSON patch (with test),
// and strategic merge patch for built-in kinds (lists merged by their patchMergeKey).


class PatchError extends errors/* IstioCanaryError */.f {
    code;
    /** 422 for a failing `test`/path operation, 400 for a malformed patch document. */
    constructor(message, code = 422) {
        super(message);
        this.code = code;
    }
}
function mergePatch(target, patch) {
    if (!isObject(patch))
        return clone(patch);
    const out = isObject(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
        if (v === null)
            delete out[k];
        else
            out[k] = mergePatch(out[k], v);
    }
    return out;
}
function patch_unescape(s) {
    return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
function parsePointer(p) {
    if (typeof p !== 'string')
        throw new PatchError('missing path', 400);
    if (p === '')
        return [];
    if (!p.startsWith('/'))
        throw new PatchError(`invalid path: ${p}`);
    return p.slice(1).split('/').map(patch_unescape);
}
function parentOf(doc, parts, path) {
    let cur = doc;
    for (const part of parts.slice(0, -1)) {
        if (Array.isArray(cur)) {
            const i = Number(part);
            if (!/^\d+$/.test(part) || i >= cur.length)
                throw new PatchError(`doc is missing path: "${path}": missing value`);
            cur = cur[i];
        }
        else if (isObject(cur) && part in cur) {
            cur = cur[part];
        }
        else {
            throw new PatchError(`doc is missing path: "${path}": missing value`);
        }
    }
    return { parent: cur, key: parts[parts.length - 1] ?? '' };
}
function getPointer(doc, path) {
    const parts = parsePointer(path);
    if (parts.length === 0)
        return doc;
    const { parent, key } = parentOf(doc, parts, path);
    if (Array.isArray(parent) && /^\d+$/.test(key) && Number(key) < parent.length)
        return parent[Number(key)];
    if (isObject(parent) && key in parent)
        return parent[key];
    throw new PatchError(`doc is missing path: "${path}": missing value`);
}
function addPointer(doc, path, value, replace) {
    const parts = parsePointer(path);
    if (parts.length === 0)
        return value;
    const { parent, key } = parentOf(doc, parts, path);
    if (Array.isArray(parent)) {
        if (key === '-' && !replace)
            parent.push(value);
        else {
            const i = Number(key);
            if (!/^\d+$/.test(key) || i > parent.length || (replace && i >= parent.length))
                throw new PatchError(`${replace ? 'replace' : 'add'} operation does not apply: doc is missing path: "${path}": missing value`);
            if (replace)
                parent[i] = value;
            else
                parent.splice(i, 0, value);
        }
    }
    else if (isObject(parent)) {
        if (replace && !(key in parent))
            throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
        parent[key] = value;
    }
    else {
        throw new PatchError(`doc is missing path: "${path}": missing value`);
    }
    return doc;
}
function removePointer(doc, path) {
    const parts = parsePointer(path);
    const { parent, key } = parentOf(doc, parts, path);
    if (Array.isArray(parent) && /^\d+$/.test(key) && Number(key) < parent.length)
        parent.splice(Number(key), 1);
    else if (isObject(parent) && key in parent)
        delete parent[key];
    else
        throw new PatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
    return doc;
}
function jsonPatch(target, ops) {
    if (!Array.isArray(ops))
        throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 400);
    let doc = clone(target);
    for (const op of ops) {
        if (!isObject(op))
            throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation', 400);
        const path = op['path'];
        switch (op['op']) {
            case 'add':
                doc = addPointer(doc, path, clone(op['value'] ?? null), false);
                break;
            case 'replace':
                doc = addPointer(doc, path, clone(op['value'] ?? null), true);
                break;
            case 'remove':
                doc = removePointer(doc, path);
                break;
            case 'move': {
                const v = getPointer(doc, op['from']);
                doc = removePointer(doc, op['from']);
                doc = addPointer(doc, path, v, false);
                break;
            }
            case 'copy':
                doc = addPointer(doc, path, clone(getPointer(doc, op['from'])), false);
                break;
            case 'test': {
                const v = getPointer(doc, path);
                if (!deepEqual(v, op['value'] ?? null))
                    throw new PatchError(`testing value ${path} failed: test failed`);
                break;
            }
            default:
                throw new PatchError(`Unexpected kind: ${str(op['op'])}`, 400);
        }
    }
    return doc;
}
/** Strategic merge patch as the apiserver applies it to built-in types. */
function strategicMerge(target, patch, schema, names = []) {
    if (!isObject(patch))
        return clone(patch);
    const directive = patch['$patch'];
    if (directive === 'delete')
        return null;
    if (directive === 'replace') {
        const out = clone(patch);
        delete out['$patch'];
        return out;
    }
    let out = isObject(target) ? { ...target } : {};
    const retain = patch['$retainKeys'];
    if (Array.isArray(retain)) {
        const keep = new Set(retain.map(String));
        out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
    }
    for (const [k, v] of Object.entries(patch)) {
        if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/'))
            continue;
        if (k.startsWith('$deleteFromPrimitiveList/')) {
            const f = k.slice('$deleteFromPrimitiveList/'.length);
            const cur = out[f];
            if (Array.isArray(cur) && Array.isArray(v))
                out[f] = cur.filter((x) => !v.some((d) => deepEqual(d, x)));
            continue;
        }
        const path = [...names, k];
        if (v === null) {
            delete out[k];
            continue;
        }
        const mk = schema.mergeKey(path);
        if (Array.isArray(v) && mk !== undefined) {
            out[k] = mergeList(out[k], v, mk, schema, path);
        }
        else if (Array.isArray(v) && schema.list(path).type === 'set') {
            const cur = Array.isArray(out[k]) ? out[k] : [];
            out[k] = [...cur, ...v.filter((x) => !cur.some((c) => deepEqual(c, x)))];
        }
        else if (isObject(v) && !schema.atomic(path)) {
            const merged = strategicMerge(out[k], v, schema, path);
            if (merged === null)
                delete out[k];
            else
                out[k] = merged;
        }
        else {
            out[k] = clone(v);
        }
    }
    return out;
}
function mergeList(cur, patch, key, schema, path) {
    const replaceAll = patch.some((p) => isObject(p) && p['$patch'] === 'replace');
    if (replaceAll)
        return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace')).map(clone);
    const out = Array.isArray(cur) ? [...cur] : [];
    for (const item of patch) {
        if (!isObject(item)) {
            out.push(clone(item));
            continue;
        }
        const idx = out.findIndex((o) => isObject(o) && deepEqual(o[key], item[key]));
        if (item['$patch'] === 'delete') {
            if (idx >= 0)
                out.splice(idx, 1);
            continue;
        }
        if (idx >= 0) {
            const merged = strategicMerge(out[idx], item, schema, path);
            if (merged === null)
                out.splice(idx, 1);
            else
                out[idx] = merged;
        }
        else {
            const fresh = clone(item);
            delete fresh['$patch'];
            out.push(fresh);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/sim/api/apply.ts
// Server-side apply (PATCH application/apply-patch+yaml): typed-object field checks, create on
// apply, and merging into the live object under the applier's managedFields, with conflicts,
// force and removal of dropped fields decided by managed.ts.













function apply(ctx, rr, r, cfg, dry) {
    const manager = r.query.get('fieldManager');
    if (!manager)
        throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager to be set');
    if (!isObject(cfg))
        throw badRequest(`error decoding YAML: the object provided is unrecognized (must be of type ${rr.rt.kind})`);
    const force = r.query.get('force') === 'true';
    if (rr.subresource === 'scale') {
        const old = existing(ctx, rr);
        const next = mergePatch(scaleOf(old), cfg);
        return updateScale(ctx, rr, r, obj(next));
    }
    const rt = rr.rt;
    const apiVersion = apiVersionOf(rt, rr.version);
    if (typeof cfg['apiVersion'] !== 'string' || typeof cfg['kind'] !== 'string')
        throw badRequest(`error decoding YAML: Object 'Kind' is missing in '${summarize(JSON.stringify(cfg))}'`);
    checkTypeMeta(rr, cfg, rt.kind, apiVersion);
    const cm = metaOf(cfg);
    if (cm['name'] !== undefined && cm['name'] !== rr.name)
        throw badRequest(`the name of the object (${str(cm['name'])}) does not match the name on the URL (${rr.name})`);
    if (Array.isArray(cm['managedFields']) && cm['managedFields'].length > 0)
        throw badRequest('metadata.managedFields must be nil');
    const schema = fieldSchema(rt);
    if (rt.builtIn) {
        // Server-side apply builds a typed object from the patch: an unknown field fails whatever
        // fieldValidation says (seen on the real 1.20.2 server, where it is a 500; a 400 since 1.28).
        const unknown = pruneUnknownFields(rt.kind, cfg, { keyed: true });
        if (unknown.length > 0)
            throw badRequest(`failed to create typed patch object (${rt.namespaced ? `${rr.namespace}/` : ''}${rr.name}; ${apiVersion}, Kind=${rt.kind}): ${unknown.map((f) => `.${f}: field not declared in schema`).join(', ')}`);
    }
    const sub = rr.subresource === 'status' ? 'status' : '';
    const applied = clone(cfg);
    applied['metadata'] = { ...cm, name: rr.name, ...(rt.namespaced ? { namespace: rr.namespace } : {}) };
    if (sub === 'status') {
        for (const k of Object.keys(applied))
            if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k))
                delete applied[k];
        applied['metadata'] = { name: rr.name, ...(rt.namespaced ? { namespace: rr.namespace } : {}) };
    }
    else if (rt.status && rt.kind !== 'Service' && rt.kind !== 'Namespace') {
        delete applied['status'];
    }
    const old = ctx.store.get(context_keyOf(rt), rr.namespace, rr.name);
    if (!old) {
        if (sub)
            throw notFound(rt.resource, rr.group, rr.name);
        const created = prepareCreate(ctx, rt, rr.version, rr.namespace, applied, manager);
        metaOf(created)['managedFields'] = [];
        const withFields = serverSideApply(undefined, applied, manager, apiVersion, '', force, schema, ctx.now());
        metaOf(created)['managedFields'] = metaOf(withFields)['managedFields'] ?? [];
        checkNamespace(ctx, rr, rr.name);
        if (dry)
            return new Reply(201, view(rt, rr.version, created));
        const stored = storeObject(ctx, rt, created, 'ADDED');
        return new Reply(201, view(rt, rr.version, stored));
    }
    if (ctx.faults.takeConflict(rt.resource, rr.name))
        throw conflict(rt.resource, rr.group, rr.name);
    const liveView = view(rt, rr.version, old);
    const mfAll = metaOf(old)['managedFields'];
    const mine = (Array.isArray(mfAll) ? mfAll : []).filter((e) => isObject(e) && str(e['subresource'] ?? '') === sub);
    const theirs = (Array.isArray(mfAll) ? mfAll : []).filter((e) => isObject(e) && str(e['subresource'] ?? '') !== sub);
    metaOf(liveView)['managedFields'] = mine;
    const merged = serverSideApply(liveView, applied, manager, apiVersion, sub, force, schema, ctx.now());
    const mergedMeta = metaOf(merged);
    mergedMeta['managedFields'] = [
        ...(Array.isArray(mergedMeta['managedFields']) ? mergedMeta['managedFields'] : []),
        ...theirs,
    ];
    const stored = commit(ctx, rr, old, merged, r, { dry, managed: 'apply' });
    return new Reply(200, view(rt, rr.version, stored));
}

;// CONCATENATED MODULE: ./src/sim/api/writes.ts
// The write verbs other than apply and delete: create (and SelfSubjectAccessReview), update
// (resourceVersion preconditions, namespace finalize) and patch (merge, JSON patch, strategic
// merge), each checked as the real server checks it before the common commit path.













const PATCH_TYPES = [
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/apply-patch+yaml',
    'application/apply-patch+cbor',
];
function create(ctx, rr, r) {
    const body = parseBody(r, rr);
    const rt = rr.rt;
    checkTypeMeta(rr, body, rt.kind, apiVersionOf(rt, rr.version));
    const warn = fieldCheck(rr, r, body);
    const meta = metaOf(body);
    if (rt.namespaced &&
        typeof meta['namespace'] === 'string' &&
        meta['namespace'] !== '' &&
        meta['namespace'] !== rr.namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    if (rt.resource === 'selfsubjectaccessreviews')
        return accessReview(ctx, body, rr);
    const dry = dryRun(r);
    const o = prepareCreate(ctx, rt, rr.version, rr.namespace, body, fieldManager(r));
    const name = str(metaOf(o)['name']);
    checkNamespace(ctx, rr, name);
    if (ctx.store.get(context_keyOf(rt), rr.namespace, name))
        throw alreadyExists(rt.resource, rr.group, name);
    if (dry)
        return new Reply(201, view(rt, rr.version, o), warn);
    const stored = storeObject(ctx, rt, o, 'ADDED');
    return new Reply(201, view(rt, rr.version, stored), warn);
}
function accessReview(ctx, body, rr) {
    const spec = obj(body['spec']);
    const ra = obj(spec['resourceAttributes']);
    const allowed = isObject(spec['resourceAttributes'])
        ? !ctx.faults.isForbidden(str(ra['verb'] ?? ''), str(ra['group'] ?? ''), str(ra['resource'] ?? ''))
        : true;
    const status = { allowed };
    if (allowed)
        status['reason'] =
            'RBAC: allowed by ClusterRoleBinding "istio-canary-sim" of ClusterRole "cluster-admin" to User "' +
                ctx.faults.user +
                '"';
    return new Reply(201, {
        kind: 'SelfSubjectAccessReview',
        apiVersion: apiVersionOf(rr.rt, rr.version),
        metadata: { creationTimestamp: null },
        spec,
        status,
    });
}
function update(ctx, rr, r) {
    const body = parseBody(r, rr);
    if (rr.subresource === 'scale')
        return updateScale(ctx, rr, r, body);
    checkTypeMeta(rr, body, rr.rt.kind, apiVersionOf(rr.rt, rr.version));
    const warn = fieldCheck(rr, r, body);
    const meta = metaOf(body);
    if (meta['name'] !== undefined && meta['name'] !== rr.name)
        throw badRequest(`the name of the object (${str(meta['name'])}) does not match the name on the URL (${rr.name})`);
    if (rr.rt.namespaced &&
        typeof meta['namespace'] === 'string' &&
        meta['namespace'] !== '' &&
        meta['namespace'] !== rr.namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    const dry = dryRun(r);
    const old = existing(ctx, rr);
    const rv = meta['resourceVersion'];
    if ((!rr.rt.builtIn || rr.rt.kind === 'Lease') && (typeof rv !== 'string' || rv === '')) {
        // Custom resources and leases do not allow unconditional updates.
        const detail = 'Invalid value: 0x0: must be specified for an update';
        throw new ApiError(failure(422, 'Invalid', `${qualified(rr.rt.resource, rr.group)} "${rr.name}" is invalid: metadata.resourceVersion: ${detail}`, {
            name: rr.name,
            group: rr.group || undefined,
            kind: rr.rt.resource,
            causes: [{ reason: 'FieldValueInvalid', message: detail, field: 'metadata.resourceVersion' }],
        }));
    }
    if (typeof rv === 'string' && rv !== '' && rv !== metaOf(old)['resourceVersion'])
        throw conflict(rr.rt.resource, rr.group, rr.name);
    if (ctx.faults.takeConflict(rr.rt.resource, rr.name))
        throw conflict(rr.rt.resource, rr.group, rr.name);
    if (rr.subresource === 'finalize') {
        const next = clone(old);
        next['spec'] = { ...obj(old['spec']), finalizers: obj(body['spec'])['finalizers'] ?? [] };
        return new Reply(200, view(rr.rt, rr.version, ctx.store.put(context_keyOf(rr.rt), next, 'MODIFIED')));
    }
    const stored = commit(ctx, rr, old, { ...body, metadata: { ...meta, name: rr.name } }, r, { dry });
    return new Reply(200, view(rr.rt, rr.version, stored), warn);
}
function patch(ctx, rr, r) {
    const ct = contentType(r, '');
    const accepted = [
        ...PATCH_TYPES.slice(0, 3),
        ...(rr.rt.builtIn ? ['application/strategic-merge-patch+json'] : []),
    ];
    if (ct === 'application/strategic-merge-patch+json' && !rr.rt.builtIn)
        throw unsupportedMediaType(accepted);
    // A content type that is no patch type at all is refused by the router, with its terse message.
    if (!accepted.includes(ct))
        throw new ApiError(failure(415, 'UnsupportedMediaType', '415: Unsupported Media Type', {}));
    const force = r.query.get('force');
    if (force !== null && ct !== 'application/apply-patch+yaml')
        throw patchOptionsInvalid('force', 'FieldValueForbidden', 'Forbidden: may not be specified for non-apply patch');
    if (ct === 'application/apply-patch+yaml' && !r.query.get('fieldManager'))
        throw patchOptionsInvalid('fieldManager', 'FieldValueRequired', 'Required value: is required for apply patch');
    const dry = dryRun(r);
    const text = r.body.toString('utf8');
    let patch;
    try {
        patch = ct === 'application/apply-patch+yaml' ? (0,js_yaml/* load */.Hh)(text) : JSON.parse(text);
    }
    catch (e) {
        const msg = e instanceof Error ? e.message.split('\n')[0] : str(e);
        if (ct === 'application/json-patch+json')
            throw new ApiError(failure(500, '', 'Invalid JSON Patch'));
        if (ct !== 'application/apply-patch+yaml')
            throw badRequest(`error decoding patch: ${goJsonError(text, e)}`);
        throw badRequest(ct === 'application/apply-patch+yaml' ? `error decoding YAML: ${msg}` : `error decoding patch: ${msg}`);
    }
    if (ct === 'application/apply-patch+yaml')
        return apply(ctx, rr, r, patch, dry);
    const old = existing(ctx, rr);
    const schema = fieldSchema(rr.rt);
    const current = rr.subresource === 'scale' ? scaleOf(old) : view(rr.rt, rr.version, old);
    let next;
    try {
        if (ct === 'application/merge-patch+json') {
            if (!isObject(patch))
                throw new PatchError('error decoding patch: json: cannot unmarshal into map', 400);
            next = mergePatch(current, patch);
        }
        else if (ct === 'application/json-patch+json') {
            next = jsonPatch(current, patch);
        }
        else {
            if (!isObject(patch))
                throw new PatchError('error decoding patch: json: cannot unmarshal into map', 400);
            next = strategicMerge(current, patch, schema);
        }
    }
    catch (e) {
        if (e instanceof PatchError) {
            if (e.code === 400)
                throw badRequest(e.message);
            // The 1.20 server hides the JSON patch library's reason behind a generic message.
            throw new ApiError(failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {}));
        }
        throw e;
    }
    if (!isObject(next))
        throw badRequest('the patched object is not an object');
    if (rr.subresource === 'scale')
        return updateScale(ctx, rr, r, next);
    checkTypeMeta(rr, next, rr.rt.kind, apiVersionOf(rr.rt, rr.version));
    // The patched object is decoded like a create's body: unknown fields by fieldValidation.
    const warn = fieldCheck(rr, r, next);
    const nm = metaOf(next);
    if (nm['name'] !== rr.name)
        throw badRequest(`the name of the object (${str(nm['name'])}) does not match the name on the URL (${rr.name})`);
    const rv = nm['resourceVersion'];
    if (typeof rv === 'string' && rv !== '' && rv !== metaOf(old)['resourceVersion'])
        throw conflict(rr.rt.resource, rr.group, rr.name);
    if (ctx.faults.takeConflict(rr.rt.resource, rr.name))
        throw conflict(rr.rt.resource, rr.group, rr.name);
    const stored = commit(ctx, rr, old, next, r, { dry });
    return new Reply(200, view(rr.rt, rr.version, stored), warn);
}
function patchOptionsInvalid(field, reason, message) {
    return new ApiError(failure(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: ${field}: ${message}`, {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [{ reason, message, field }],
    }));
}

;// CONCATENATED MODULE: ./src/sim/api/deletion.ts
// The delete verbs: delete with uid/resourceVersion preconditions, finalizers (deletionTimestamp
// until the last one goes), namespaces going Terminating, CRDs taking their objects along, and
// deletecollection.








function deleteObject(ctx, rr, r, namespaces) {
    const dry = dryRun(r);
    const old = existing(ctx, rr);
    const opts = r.body.length > 0 ? (safeJson(r.body.toString('utf8')) ?? {}) : {};
    const pre = obj(obj(opts)['preconditions']);
    const m = metaOf(old);
    if (typeof pre['uid'] === 'string' && pre['uid'] !== m['uid'])
        throw new ApiError(failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(rr.rt.kind, rr.group)} "${rr.name}": the UID in the precondition (${pre['uid']}) does not match the UID in record (${str(m['uid'])}). The object might have been deleted and then recreated`, {
            name: rr.name,
            group: rr.group || undefined,
            kind: rr.rt.kind,
        }));
    if (typeof pre['resourceVersion'] === 'string' && pre['resourceVersion'] !== m['resourceVersion'])
        throw new ApiError(failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(rr.rt.kind, rr.group)} "${rr.name}": the ResourceVersion in the precondition (${pre['resourceVersion']}) does not match the ResourceVersion in record (${str(m['resourceVersion'])}). The object might have been modified`, { name: rr.name, group: rr.group || undefined, kind: rr.rt.kind }));
    if (rr.rt.kind === 'Namespace') {
        if (dry)
            return new Reply(200, view(rr.rt, rr.version, old));
        if (m['deletionTimestamp'])
            return new Reply(200, view(rr.rt, rr.version, old));
        const next = clone(old);
        metaOf(next)['deletionTimestamp'] = nowSeconds(ctx.now());
        next['status'] = { ...obj(old['status']), phase: 'Terminating' };
        const stored = ctx.store.put(context_keyOf(rr.rt), next, 'MODIFIED');
        // The namespace controller empties the namespace, then the namespace goes away.
        namespaces.schedule(rr.name);
        return new Reply(200, view(rr.rt, rr.version, stored));
    }
    const finalizers = m['finalizers'];
    if (Array.isArray(finalizers) && finalizers.length > 0) {
        if (dry || m['deletionTimestamp'])
            return new Reply(200, view(rr.rt, rr.version, old));
        const next = clone(old);
        metaOf(next)['deletionTimestamp'] = nowSeconds(ctx.now());
        metaOf(next)['deletionGracePeriodSeconds'] = 0;
        return new Reply(200, view(rr.rt, rr.version, ctx.store.put(context_keyOf(rr.rt), next, 'MODIFIED')));
    }
    if (!dry)
        removeObject(ctx, rr.rt, rr.namespace, rr.name);
    return new Reply(200, successStatus({
        name: rr.name,
        group: rr.group || undefined,
        kind: rr.rt.resource,
        uid: str(m['uid']),
    }));
}
function removeObject(ctx, rt, namespace, name) {
    ctx.store.remove(context_keyOf(rt), namespace, name);
    if (rt.resource === 'customresourcedefinitions') {
        const gone = ctx.types.find((t) => !t.builtIn && `${t.resource}.${t.group}` === name);
        ctx.refreshTypes();
        if (gone)
            for (const o of ctx.store.list(context_keyOf(gone)))
                ctx.store.remove(context_keyOf(gone), str(metaOf(o)['namespace'] ?? ''), str(metaOf(o)['name']));
    }
}
function deleteCollection(ctx, rr, r) {
    const dry = dryRun(r);
    const match = matcher(rr, r);
    const victims = ctx.store.list(context_keyOf(rr.rt), rr.namespace || undefined).filter(match);
    const items = victims.map((o) => view(rr.rt, rr.version, o));
    if (!dry)
        for (const o of victims)
            removeObject(ctx, rr.rt, str(metaOf(o)['namespace'] ?? ''), str(metaOf(o)['name']));
    return new Reply(200, {
        kind: rr.rt.listKind,
        apiVersion: apiVersionOf(rr.rt, rr.version),
        metadata: { resourceVersion: str(ctx.store.resourceVersion) },
        items,
    });
}

;// CONCATENATED MODULE: ./src/sim/api/router.ts
// Routing: non-resource paths (version, health, discovery, OpenAPI), resource paths parsed into
// a ResourceRequest with the real server's 404/405 answers, injected faults (latency, RBAC 403,
// 429, 5xx), then dispatch to the module of each verb.









const WATCH_TRUE = new Set(['true', '1']);
async function route(t, r, res, entry) {
    const segs = r.url.pathname.split('/').filter((s) => s !== '');
    const p = r.url.pathname.replace(/\/+$/, '') || '/';
    if (r.method === 'GET') {
        if (p === '/version')
            return new Reply(200, SERVER_VERSION);
        if (p === '/healthz' || p === '/livez' || p === '/readyz')
            return new Reply(200, 'ok');
        if (p === '/api')
            return new Reply(200, apiVersions(`127.0.0.1:${t.port}`));
        if (p === '/apis')
            return new Reply(200, apiGroupList(t.types, sortVersions));
        if (p === '/openapi/v3')
            return new Reply(200, openapiV3Root(t.types));
        if (p === '/openapi/v2') {
            const accept = str(r.headers.accept ?? '');
            if (accept !== '' && !accept.includes('json') && !accept.includes('*/*'))
                return new Reply(406, failure(406, 'NotAcceptable', 'only application/json is served'));
            return new Reply(200, openapiV2(t.types));
        }
        if (segs[0] === 'openapi' && segs[1] === 'v3') {
            const gv = segs.slice(2);
            const [group, version] = gv[0] === 'api' ? ['', gv[1] ?? ''] : [gv[1] ?? '', gv[2] ?? ''];
            if (resourceList(t.types, group, version))
                return new Reply(200, openapiV3Doc(t.types, group, version));
            return new Reply(404, '404 page not found\n');
        }
    }
    let group;
    let version;
    let rest;
    if (segs[0] === 'api' && segs.length >= 2) {
        group = '';
        version = segs[1] ?? '';
        rest = segs.slice(2);
    }
    else if (segs[0] === 'apis' && segs.length >= 2) {
        group = segs[1] ?? '';
        if (segs.length === 2) {
            const doc = r.method === 'GET' ? apiGroupDoc(t.types, group, sortVersions) : undefined;
            return doc ? new Reply(200, doc) : new Reply(404, '404 page not found\n');
        }
        version = segs[2] ?? '';
        rest = segs.slice(3);
    }
    else {
        return new Reply(404, '404 page not found\n');
    }
    const list = resourceList(t.types, group, version);
    if (!list)
        return new Reply(404, '404 page not found\n');
    if (rest.length === 0)
        return r.method === 'GET' ? new Reply(200, list) : methodNotAllowedReply();
    let namespace = '';
    let resource;
    let name;
    let subresource;
    if (rest[0] === 'namespaces' &&
        rest.length >= 3 &&
        !(group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
        namespace = rest[1] ?? '';
        resource = rest[2] ?? '';
        name = rest[3] ?? '';
        subresource = rest[4] ?? '';
        if (rest.length > 5)
            throw resourceNotFound();
    }
    else {
        resource = rest[0] ?? '';
        name = rest[1] ?? '';
        subresource = rest[2] ?? '';
        if (rest.length > 3)
            throw resourceNotFound();
    }
    const rt = t.types.find((t) => t.group === group && t.resource === resource && t.versions.includes(version));
    // The real server answers unknown resources with its plain-text 404 page.
    if (!rt)
        return new Reply(404, '404 page not found\n');
    if (namespace !== '' && !rt.namespaced)
        return new Reply(404, '404 page not found\n');
    if (subresource !== '' &&
        !((subresource === 'status' && rt.status) ||
            (subresource === 'scale' && rt.scale) ||
            (subresource === 'finalize' && rt.resource === 'namespaces'))) {
        // An unknown subresource of an object reads as the object not being found.
        throw notFound(rt.resource, group, name);
    }
    const watch = WATCH_TRUE.has(r.query.get('watch') ?? '');
    let verb;
    switch (r.method) {
        case 'GET':
            verb = watch ? 'watch' : name ? 'get' : 'list';
            break;
        case 'POST':
            if (name)
                throw methodNotAllowed();
            verb = 'create';
            break;
        case 'PUT':
            if (!name)
                throw methodNotAllowed();
            verb = 'update';
            break;
        case 'PATCH':
            if (!name)
                throw methodNotAllowed();
            verb = 'patch';
            break;
        case 'DELETE':
            verb = name ? 'delete' : 'deletecollection';
            break;
        default:
            throw methodNotAllowed();
    }
    if (!rt.verbs.includes(verb) && !(subresource && ['get', 'update', 'patch'].includes(verb)))
        throw methodNotAllowed();
    if (rt.namespaced && namespace === '' && !['list', 'watch'].includes(verb) && rt.stored)
        throw resourceNotFound();
    Object.assign(entry, { verb, group, version, resource, subresource, namespace, name });
    const rr = { rt, group, version, namespace, name, subresource, verb };
    const f = t.faults;
    const latencyMs = f.current.latencyMs;
    if (latencyMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, latencyMs));
        entry.injectedLatencyMs = latencyMs;
    }
    const decision = f.decide(verb, group, resource);
    if (decision.kind === 'forbidden')
        throw forbidden(t, rr);
    if (decision.kind === 'throttle') {
        throw new ApiError(failure(429, 'TooManyRequests', 'Too many requests, please try again later.', {
            retryAfterSeconds: decision.retryAfterSeconds,
        }), {
            'Retry-After': str(decision.retryAfterSeconds),
        });
    }
    if (decision.kind === 'error') {
        if (decision.code === 503)
            throw new ApiError(failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', {}));
        throw new ApiError(failure(500, 'InternalError', 'Internal error occurred: injected fault', {
            causes: [{ message: 'injected fault' }],
        }));
    }
    switch (verb) {
        case 'get':
            return getObject(t, rr, r);
        case 'list':
            return listObjects(t, rr, r);
        case 'watch':
            t.watches.serve(rr, r, res);
            return undefined;
        case 'create':
            return create(t, rr, r);
        case 'update':
            return update(t, rr, r);
        case 'patch':
            return patch(t, rr, r);
        case 'delete':
            return deleteObject(t, rr, r, t.namespaces);
        case 'deletecollection':
            return deleteCollection(t, rr, r);
    }
    return undefined;
}
function forbidden(t, rr) {
    const res = rr.subresource ? `${rr.rt.resource}/${rr.subresource}` : rr.rt.resource;
    const scope = rr.namespace ? `in the namespace "${rr.namespace}"` : 'at the cluster scope';
    const who = `${qualified(rr.rt.resource, rr.group)}${rr.name ? ` "${rr.name}"` : ''}`;
    return new ApiError(failure(403, 'Forbidden', `${who} is forbidden: User "${t.faults.user}" cannot ${rr.verb} resource "${res}" in API group "${rr.group}" ${scope}`, {
        name: rr.name || undefined,
        group: rr.group || undefined,
        kind: rr.rt.resource,
    }));
}

;// CONCATENATED MODULE: ./src/sim/api/server.ts
// The embedded Kubernetes API server: kubectl and @kubernetes/client-node talk to it unchanged
// over plain HTTP on loopback. This file owns its life (listen, close, preinstalled objects, the
// Deployment controller's writes) and the HTTP plumbing and request log; routing is in
// router.ts, each verb in its own module (reads, writes, apply, deletion, watch, scale), all
// sharing the ApiContext of context.ts.
















async function startApiServer(options = {}) {
    const api = new ApiServerImpl(options);
    await api.listen(options.port ?? 0);
    return api;
}
class ApiServerImpl {
    url = '';
    port = 0;
    faults;
    requests = [];
    store;
    server;
    sockets = new Set();
    inflight = new WeakMap();
    watches;
    types = [];
    now;
    controller;
    namespaces;
    requestLogSize;
    ipCounter = 10;
    closed = false;
    constructor(options) {
        this.now = options.now ?? (() => new Date());
        this.faults = new Faults(options.seed ?? 1);
        this.store = new Store(options.watchCacheSize ?? 10_000);
        this.watches = new Watches(this, options.bookmarkIntervalMs ?? 60_000);
        this.namespaces = new NamespaceFinalizer(this.store, options.namespaceFinalizeDelayMs ?? 100);
        this.requestLogSize = options.requestLogSize ?? 100_000;
        this.controller = new DeploymentController({
            get: (ns, name) => this.store.get('apps/deployments', ns, name),
            writeStatus: (ns, name, status) => this.internalStatusWrite(ns, name, status),
            syncPods: (ns, name, pods) => this.syncPods(ns, name, pods),
        }, options.readinessDelayMs ?? 200, this.now);
        this.store.subscribe((e) => this.controller.onEvent(e));
        this.refreshTypes();
        for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
            this.seed(this.typeOf('', 'namespaces'), {
                apiVersion: 'v1',
                kind: 'Namespace',
                metadata: { name: ns },
            });
        for (const crd of resources_preinstalledCrds())
            this.seed(this.typeOf('apiextensions.k8s.io', 'customresourcedefinitions'), crd);
        this.server = (0,external_node_http_.createServer)((req, res) => this.handle(req, res));
        // Bytes after a body-less request (a DELETE body sent without Content-Length) parse as a bad
        // next request. Like Go's server, answer the request in flight first, then the 400.
        this.server.on('clientError', (err, socket) => {
            const finish = () => {
                if (socket.writable && err.code !== 'ECONNRESET')
                    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
                else
                    socket.destroy();
            };
            const state = this.inflight.get(socket);
            if (state && state.n > 0)
                state.after = finish;
            else
                finish();
        });
        this.server.on('connection', (s) => {
            this.sockets.add(s);
            s.on('close', () => this.sockets.delete(s));
        });
    }
    listen(port) {
        return new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(port, '127.0.0.1', () => {
                const a = this.server.address();
                this.port = a.port;
                this.url = `http://127.0.0.1:${a.port}`;
                resolve();
            });
        });
    }
    get resourceVersion() {
        return this.store.resourceVersion;
    }
    log(entry) {
        this.requests.push(entry);
        if (this.requests.length > this.requestLogSize)
            this.requests.splice(0, this.requests.length - this.requestLogSize);
    }
    clearRequests() {
        this.requests.length = 0;
    }
    objects(group, resource, namespace) {
        return this.store.list(`${group}/${resource}`, namespace);
    }
    object(group, resource, namespace, name) {
        return this.store.get(`${group}/${resource}`, namespace, name);
    }
    onChange(listener) {
        return this.store.subscribe(listener);
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        this.controller.close();
        this.namespaces.close();
        this.watches.closeAll();
        await new Promise((resolve) => {
            this.server.close(() => resolve());
            this.server.closeIdleConnections();
            for (const s of this.sockets)
                s.destroy();
        });
    }
    allocateClusterIp() {
        this.ipCounter += 1;
        return `10.96.${Math.floor(this.ipCounter / 250)}.${(this.ipCounter % 250) + 1}`;
    }
    // ---- types ----
    refreshTypes() {
        const crds = this.store.list('apiextensions.k8s.io/customresourcedefinitions');
        const custom = crds.map(typeFromCrd).filter((t) => t !== undefined);
        this.types = [...BUILTINS, ...custom];
    }
    typeOf(group, resource) {
        const t = this.types.find((x) => x.group === group && x.resource === resource);
        if (!t)
            throw new Error(`no type ${group}/${resource}`);
        return t;
    }
    seed(rt, o) {
        const created = prepareCreate(this, rt, rt.storageVersion, '', o, 'kube-apiserver');
        // Nobody owns preinstalled objects, so a later `kubectl apply --server-side` of the same
        // CRDs (or of the default namespace) takes them over without conflicts.
        delete metaOf(created)['managedFields'];
        storeObject(this, rt, created, 'ADDED');
    }
    // ---- HTTP ----
    handle(req, res) {
        const socket = req.socket;
        const state = this.inflight.get(socket) ?? { n: 0 };
        this.inflight.set(socket, state);
        state.n += 1;
        res.on('close', () => {
            state.n -= 1;
            if (state.n === 0 && state.after) {
                const after = state.after;
                state.after = undefined;
                after();
            }
        });
        const chunks = [];
        let size = 0;
        req.on('data', (c) => {
            size += c.length;
            if (size <= 3 * 1024 * 1024)
                chunks.push(c);
        });
        req.on('error', () => res.destroy());
        req.on('end', () => {
            const url = new URL(req.url ?? '/', 'http://127.0.0.1');
            const r = {
                method: req.method ?? 'GET',
                url,
                query: url.searchParams,
                headers: req.headers,
                body: Buffer.concat(chunks),
            };
            const entry = {
                time: new Date().toISOString(),
                method: r.method,
                path: url.pathname,
                query: Object.fromEntries(url.searchParams),
                verb: '',
                group: '',
                version: '',
                resource: '',
                subresource: '',
                namespace: '',
                name: '',
                contentType: str(req.headers['content-type'] ?? ''),
                status: 0,
                userAgent: str(req.headers['user-agent'] ?? ''),
            };
            res.on('finish', () => {
                entry.status = res.statusCode;
                this.log(entry);
            });
            res.on('close', () => {
                if (!res.writableFinished && entry.status === 0) {
                    entry.status = res.statusCode;
                    this.log(entry);
                }
            });
            if (size > 3 * 1024 * 1024) {
                send(res, new Reply(413, failure(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728')));
                return;
            }
            route(this, r, res, entry).then((reply) => {
                if (reply)
                    send(res, reply);
            }, (err) => {
                if (err instanceof ApiError)
                    send(res, new Reply(err.status.code, err.status, err.headers));
                else {
                    const msg = err instanceof Error ? err.message : str(err);
                    send(res, new Reply(500, failure(500, 'InternalError', `Internal error occurred: ${msg}`, {
                        causes: [{ message: msg }],
                    })));
                }
            });
        });
    }
    // ---- controller hook ----
    /** Replace a Deployment's simulated pods, keeping uid and creationTimestamp of pods that stay. */
    syncPods(ns, deployment, pods) {
        if (this.closed)
            return;
        const key = '/pods';
        const existing = this.store
            .list(key, ns)
            .filter((p) => obj(metaOf(p)['labels'])[POD_OWNER_LABEL] === deployment);
        const wanted = new Map(pods.map((p) => [str(metaOf(p)['name']), p]));
        for (const p of existing) {
            const name = str(metaOf(p)['name']);
            if (!wanted.has(name))
                this.store.remove(key, ns, name);
        }
        for (const [name, p] of wanted) {
            const before = this.store.get(key, ns, name);
            const meta = metaOf(p);
            if (before) {
                meta['uid'] = metaOf(before)['uid'] ?? null;
                meta['creationTimestamp'] = metaOf(before)['creationTimestamp'] ?? null;
                meta['resourceVersion'] = metaOf(before)['resourceVersion'] ?? null;
                // Keep transition times of unchanged conditions so an unchanged pod is a no-op.
                if (deepEqual(withoutTimes(before), withoutTimes(p)))
                    continue;
                this.store.put(key, p, 'MODIFIED');
            }
            else {
                meta['uid'] = (0,external_node_crypto_.randomUUID)();
                meta['creationTimestamp'] = nowSeconds(this.now());
                this.store.put(key, p, 'ADDED');
            }
        }
    }
    internalStatusWrite(ns, name, status) {
        const old = this.store.get('apps/deployments', ns, name);
        if (!old || this.closed)
            return;
        const rt = this.typeOf('apps', 'deployments');
        const rr = {
            rt,
            group: 'apps',
            version: 'v1',
            namespace: ns,
            name,
            subresource: 'status',
            verb: 'update',
        };
        const fake = {
            method: 'PUT',
            url: new URL('http://x/'),
            query: new URLSearchParams(),
            headers: {},
            body: Buffer.alloc(0),
        };
        commit(this, rr, old, { ...clone(old), status }, fake, {
            manager: 'kube-controller-manager',
            dry: false,
        });
    }
}
/** A pod without its timestamps, to tell a real change from a re-sync. */
function withoutTimes(p) {
    return JSON.stringify(p, (k, v) => ['lastTransitionTime', 'startTime', 'startedAt', 'resourceVersion', 'creationTimestamp', 'uid'].includes(k)
        ? undefined
        : v);
}

;// CONCATENATED MODULE: ./src/sim/api/index.ts





/***/ })

};

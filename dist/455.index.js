export const id = 455;
export const ids = [455];
export const modules = {

/***/ 20018:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ editManifestTexts),
/* harmony export */   MA: () => (/* binding */ ManifestEditError)
/* harmony export */ });
/* unused harmony export renderScalar */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(14350);
// finalize: git-pr, the pure part: writes a promoted image into the repository's manifest files
// (the `manifests` input) so that Git, not the cluster, holds the promotion. Argo CD and Flux
// report a promote-stable written only to the cluster as drift (flagger #1504, argo-cd #12967).
//
// Only the bytes of the edited scalars change: each file is parsed with eemeli/yaml (its CST
// keeps every node's source range) to find the image scalar of each promoted container, and that
// range of the original text is replaced by the new value, written in the scalar's own quoting
// style. Everything else (comments, key order, indentation, quoting elsewhere, anchors and tags,
// `---` separators, CRLF line endings, a BOM) is the original text. Re-serializing a document
// (js-yaml dump, or yaml's Document.toString) would reformat it; that is why this does not.
// Every result is checked before it is returned: each document of each edited file parses to
// the same object as before except for the intended values, or the edit is refused.
// Pure: texts in, texts out; reading the files and writing the branch is src/gitops/pr.ts.




/** Why the manifests cannot be edited (each problem names the file and document); nothing is written. */
class ManifestEditError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .IstioCanaryError */ .f {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? `finalize git-pr: ${problems[0]}`
            : `finalize git-pr: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
    }
}
/** A templating marker (helm/go template, envsubst): the file is not the manifest that is applied. */
const TEMPLATE_MARKER = /\{\{|\$\{/;
const lineOf = (text, offset) => {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
        line++;
    return line;
};
function scalarText(node) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) && typeof node.value === 'string' ? node.value : null;
}
/** The node under `key` of a map, refusing aliases (editing an anchor would change its other uses). */
function child(map, key, where, problems) {
    const node = map.get(key, true);
    if (node === undefined || node === null)
        return null;
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isAlias */ .Vj)(node)) {
        problems.push(`${where}: ${key} is a YAML alias (*${node.source}); write the value out to let finalize edit it`);
        return null;
    }
    return node;
}
/** Deployments of one document: the document itself, or the items of a `kind: List`. */
function deploymentsOf(doc) {
    const root = doc.contents;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(root))
        return [];
    const kind = scalarText(root.get('kind', true));
    if (kind === 'List') {
        const items = root.get('items', true);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(items))
            return [];
        return items.items.flatMap((item, i) => (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(item) && scalarText(item.get('kind', true)) === 'Deployment'
            ? [{ path: ['items', i], object: item }]
            : []);
    }
    return kind === 'Deployment' ? [{ path: [], object: root }] : [];
}
function metaOf(object) {
    const meta = object.get('metadata', true);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(meta))
        return { name: null, namespace: null };
    return { name: scalarText(meta.get('name', true)), namespace: scalarText(meta.get('namespace', true)) };
}
/** The one document of the files that defines Deployment namespace/name; problems when none or several do. */
function findDeployment(parsed, namespace, name, problems) {
    const found = [];
    parsed.forEach(({ path, docs }, file) => docs.forEach((doc, d) => {
        for (const { path: objectPath, object } of deploymentsOf(doc)) {
            const meta = metaOf(object);
            if (meta.name === name && (meta.namespace ?? namespace) === namespace)
                found.push({ file, path, document: d + 1, doc, objectPath, object });
        }
    }));
    if (found.length > 1) {
        problems.push(`Deployment ${namespace}/${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(name)} is defined ${found.length} times (${found.map((f) => `${f.path} document ${f.document}`).join(', ')}); finalize edits one definition: keep one`);
        return null;
    }
    return found[0] ?? null;
}
/**
 * Whether YAML may carry the character as it is in a scalar (printable, YAML 1.2 section 5.1,
 * and no line break): not C0/DEL/C1 controls, U+2028/U+2029, the BOM, U+FFFE/U+FFFF or a lone surrogate.
 */
const isPrintable = (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
        return false;
    if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff)
        return false;
    return !(code >= 0xd800 && code <= 0xdfff);
};
/** A double-quoted YAML scalar: JSON's escapes (valid in YAML), and \uXXXX for every non-printable. */
function doubleQuoted(value) {
    let out = '';
    for (const ch of JSON.stringify(value).slice(1, -1))
        out +=
            isPrintable(ch) || ch === '\\' ? ch : `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
    return `"${out}"`;
}
/**
 * The new scalar's source in the old one's style: plain stays plain when the value reads back as
 * the same string (else it is double-quoted), single and double quotes are kept.
 */
function renderScalar(style, value) {
    const double = doubleQuoted(value);
    if (style === 'QUOTE_DOUBLE')
        return double;
    const printable = [...value].every(isPrintable);
    // Single quotes cannot escape: a line break would fold, so such a value is double-quoted.
    if (style === 'QUOTE_SINGLE')
        return printable ? `'${value.replace(/'/g, "''")}'` : double;
    // Flow indicators are quoted even in block context: the scalar may sit in a [...] or {...}.
    const plainOk = value !== '' &&
        printable &&
        !/[,[\]{}]/.test(value) &&
        (() => {
            const probe = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(`k: ${value}\n`);
            const node = probe.contents;
            if (probe.errors.length > 0 || !(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(node) || node.items.length !== 1)
                return false;
            const v = node.items[0]?.value;
            return (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(v) && v.type === 'PLAIN' && v.value === value;
        })();
    return plainOk ? value : double;
}
/** The replacement of one scalar's source range with `value`, or a problem. */
function replaceScalar(doc, node, value, where, field, problems) {
    if (node === null)
        return null;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) || node.range === undefined || node.range === null) {
        problems.push(`${where}: ${field} is not a scalar`);
        return null;
    }
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
        problems.push(`${where}: ${field} is a block scalar (| or >); write it as a plain or quoted scalar`);
        return null;
    }
    if (node.anchor !== undefined && aliased(doc, node.anchor)) {
        problems.push(`${where}: ${field} is the anchor &${node.anchor} that aliases (*${node.anchor}) repeat; changing it would change them too: write the value out`);
        return null;
    }
    const [start, end] = node.range;
    return {
        replacement: { start, end, text: renderScalar(node.type, value) },
        from: String(node.value),
    };
}
function aliased(doc, anchor) {
    let used = false;
    (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .visit */ .YR)(doc, {
        Alias(_, node) {
            if (node.source === anchor)
                used = true;
        },
    });
    return used;
}
function parseFiles(files, problems) {
    return files.map(({ path, text }) => {
        const docs = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseAllDocuments */ .hR)(text, { keepSourceTokens: true, uniqueKeys: false });
        if (!Array.isArray(docs))
            return { path, docs: [] }; // an empty stream
        docs.forEach((doc, i) => {
            const error = doc.errors[0];
            if (error === undefined)
                return;
            const templated = TEMPLATE_MARKER.test(text.slice(doc.range[0], doc.range[2]));
            problems.push(templated
                ? `${path} document ${i + 1} is a template (it has {{ or \${), not a manifest; finalize edits plain manifests: point manifests at the rendered files`
                : `${path} document ${i + 1}: invalid YAML: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(error.message.split('\n')[0] ?? '')}`);
        });
        return { path, docs };
    });
}
function setIn(target, path, value) {
    let node = target;
    for (const key of path.slice(0, -1))
        node = node[key];
    node[path[path.length - 1]] = value;
}
function imageChanges(found, target, texts, problems) {
    const where = `${found.path} document ${found.document}`;
    const spec = found.object.getIn(['spec', 'template', 'spec'], true);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(spec)) {
        problems.push(`${where}: Deployment ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(target.stableDeployment)} has no spec.template.spec mapping`);
        return [];
    }
    const changes = [];
    for (const want of target.containers) {
        if (TEMPLATE_MARKER.test(want.image)) {
            problems.push(`the promoted image of container ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(want.name)} (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(want.image)}) has a templating marker`);
            continue;
        }
        let hit = null;
        for (const list of ['containers', 'initContainers']) {
            const seq = child(spec, list, where, problems);
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(seq))
                continue;
            for (const [index, c] of seq.items.entries())
                if (hit === null && (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(c) && scalarText(c.get('name', true)) === want.name)
                    hit = { node: c, list, index };
        }
        if (hit === null) {
            problems.push(`${where}: Deployment ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(target.stableDeployment)} has no container ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(want.name)} (it has ${containerNames(spec).join(', ') || 'none'})`);
            continue;
        }
        const cwhere = `${where}, container ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(want.name)}`;
        const node = child(hit.node, 'image', cwhere, problems);
        if (node === null) {
            if (hit.node.get('image', true) === undefined)
                problems.push(`${cwhere}: has no image field`);
            continue;
        }
        const current = scalarText(node);
        if (current !== null && TEMPLATE_MARKER.test(current)) {
            problems.push(`${cwhere}: the image is set by a template (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(current)}); finalize edits literal images: set it where the template's value is defined`);
            continue;
        }
        if (current === want.image)
            continue;
        const r = replaceScalar(found.doc, node, want.image, cwhere, 'image', problems);
        if (r === null)
            continue;
        changes.push({
            file: found.file,
            document: found.document,
            jsPath: [...found.objectPath, 'spec', 'template', 'spec', hit.list, hit.index, 'image'],
            value: want.image,
            replacement: r.replacement,
            edit: {
                path: found.path,
                document: found.document,
                line: lineOf(texts[found.file]?.text ?? '', r.replacement.start),
                field: 'image',
                deployment: target.stableDeployment,
                container: want.name,
                from: r.from,
                to: want.image,
            },
        });
    }
    return changes;
}
function containerNames(spec) {
    const names = [];
    for (const list of ['containers', 'initContainers']) {
        const seq = spec.get(list, true);
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(seq))
            for (const c of seq.items)
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(c))
                    names.push(scalarText(c.get('name', true)) ?? '?');
    }
    return names.map((n) => (0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(n));
}
/** spec.replicas of the canary set to 0: its scalar replaced, or a `replicas: 0` line added under `spec:`. */
function replicasChange(found, text, problems) {
    const where = `${found.path} document ${found.document}`;
    const name = metaOf(found.object).name ?? '';
    const spec = child(found.object, 'spec', where, problems);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(spec)) {
        problems.push(`${where}: the canary Deployment ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(name)} has no spec mapping`);
        return null;
    }
    const jsPath = [...found.objectPath, 'spec', 'replicas'];
    const edit = (line, from) => ({
        path: found.path,
        document: found.document,
        line,
        field: 'replicas',
        deployment: name,
        container: null,
        from,
        to: '0',
    });
    const node = child(spec, 'replicas', where, problems);
    if (node !== null) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) || node.range == null) {
            problems.push(`${where}: spec.replicas of ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(name)} is not a scalar`);
            return null;
        }
        if (node.value === 0)
            return null;
        const [start, end] = node.range;
        return {
            file: found.file,
            document: found.document,
            jsPath,
            value: 0,
            replacement: { start, end, text: '0' },
            edit: edit(lineOf(text, start), String(node.value)),
        };
    }
    if (spec.get('replicas', true) !== undefined)
        return null; // an alias: reported by child()
    // No replicas field (1 by default): a line under `spec:`, indented like its first key.
    const first = spec.items[0]?.key;
    const start = first?.range?.[0];
    if (spec.flow === true || start === undefined) {
        problems.push(`${where}: spec of ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(name)} is a flow mapping ({...}); add replicas to it by hand`);
        return null;
    }
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const indent = text.slice(lineStart, start);
    if (!/^ *$/.test(indent)) {
        problems.push(`${where}: spec of ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(name)} is not a block mapping with one key a line; add replicas by hand`);
        return null;
    }
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return {
        file: found.file,
        document: found.document,
        jsPath,
        value: 0,
        replacement: { start: lineStart, end: lineStart, text: `${indent}replicas: 0${eol}` },
        edit: edit(lineOf(text, lineStart), '(unset: 1)'),
    };
}
/**
 * The manifest texts with the stable Deployment's promoted images written in (and the canary's
 * replicas at 0 when asked). Throws ManifestEditError naming every problem: the Deployment or a
 * container not in the files, the Deployment defined twice, an image set by a template or a
 * YAML alias, a file that does not parse. An image already at its target is left as it is, so
 * a second run returns the texts unchanged.
 */
function editManifestTexts(files, target) {
    const problems = [];
    const notes = [];
    const parsed = parseFiles(files, problems);
    if (problems.length > 0)
        throw new ManifestEditError(problems);
    if (target.containers.length === 0)
        throw new ManifestEditError(['no promoted container given']);
    const changes = [];
    const stable = findDeployment(parsed, target.namespace, target.stableDeployment, problems);
    if (stable === null && problems.length === 0)
        problems.push(`Deployment ${target.namespace}/${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(target.stableDeployment)} is in none of the manifests (${files.map((f) => f.path).join(', ') || 'no file'}); finalize writes the promoted image where the stable Deployment is defined`);
    if (stable !== null)
        changes.push(...imageChanges(stable, target, files, problems));
    if (target.canaryDeployment != null && target.canaryDeployment !== '') {
        const canary = findDeployment(parsed, target.namespace, target.canaryDeployment, problems);
        if (canary === null)
            notes.push(`the canary Deployment ${target.namespace}/${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(target.canaryDeployment)} is not in the manifests: its replicas are not written to Git`);
        else {
            const c = replicasChange(canary, files[canary.file]?.text ?? '', problems);
            if (c !== null)
                changes.push(c);
        }
    }
    if (problems.length > 0)
        throw new ManifestEditError(problems);
    const out = files.map((f, i) => {
        const mine = changes
            .filter((c) => c.file === i)
            .sort((a, b) => b.replacement.start - a.replacement.start);
        let text = f.text;
        for (const { replacement: r } of mine)
            text = text.slice(0, r.start) + r.text + text.slice(r.end);
        if (mine.length > 0)
            verify(f, text, parsed[i]?.docs ?? [], mine);
        return { path: f.path, text, changed: text !== f.text };
    });
    const edits = changes
        .map((c) => c.edit)
        .sort((a, b) => files.findIndex((f) => f.path === a.path) - files.findIndex((f) => f.path === b.path) ||
        a.line - b.line);
    return { files: out, edits, notes };
}
/** The edited file parses to the original documents with exactly the intended values changed. */
function verify(file, edited, before, changes) {
    const after = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseAllDocuments */ .hR)(edited, { uniqueKeys: false });
    const docs = Array.isArray(after) ? after : [];
    const fail = (why) => {
        throw new ManifestEditError([
            `${file.path}: the edit was not written because ${why} (a bug: please report it)`,
        ]);
    };
    if (docs.length !== before.length)
        fail(`the file would have ${docs.length} documents instead of ${before.length}`);
    before.forEach((doc, i) => {
        const expected = doc.toJS({ maxAliasCount: -1 });
        for (const c of changes.filter((x) => x.document === i + 1))
            setIn(expected, c.jsPath, c.value);
        const got = docs[i];
        if (got === undefined || got.errors.length > 0)
            fail(`document ${i + 1} would not parse`);
        else if (!(0,node_util__WEBPACK_IMPORTED_MODULE_0__.isDeepStrictEqual)(got.toJS({ maxAliasCount: -1 }), expected))
            fail(`document ${i + 1} would change more than the promoted values`);
    });
}


/***/ }),

/***/ 33868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GIT_PR_PERMISSIONS: () => (/* reexport safe */ _rules_js__WEBPACK_IMPORTED_MODULE_0__.V),
/* harmony export */   GitPrError: () => (/* binding */ GitPrError),
/* harmony export */   openPromotionPr: () => (/* binding */ openPromotionPr),
/* harmony export */   prBase: () => (/* binding */ prBase),
/* harmony export */   prBody: () => (/* binding */ prBody),
/* harmony export */   prTitle: () => (/* binding */ prTitle),
/* harmony export */   promotionBranch: () => (/* binding */ promotionBranch),
/* harmony export */   repositoryPaths: () => (/* binding */ repositoryPaths)
/* harmony export */ });
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31671);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(14350);
/* harmony import */ var _report_escape_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(14031);
/* harmony import */ var _report_github_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(97611);
/* harmony import */ var _edit_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(20018);
// finalize: git-pr, the GitHub part: after promote-stable, the promoted image goes into the
// repository's manifests on a branch `istio-canary/promote-<deployment>` and a pull request
// from it, so Git stays the source of truth for Argo CD / Flux (a cluster-only promote-stable
// is drift for them: flagger #1504, argo-cd #12967).
//
// Through the project's one GitHub client (src/report/github.ts: the token only to the API
// origin, retries by src/retry.ts, the proxy, GHES's apiUrl). Octokit's REST methods are not
// used beyond its `request`, as in the sticky comment, so every call has the same guard.
//
// Why the Git data API (blobs inline in a tree, commit, ref) and not the contents API: the
// contents API makes one commit per file and needs each file's current blob SHA, so several
// manifests would be several commits, and a retry in the middle leaves a half-written branch.
// One tree + one commit + one ref update writes all files at once, and the ref moves only when
// the commit exists. The files are read at the base commit through the contents API (one GET
// per manifest; blobs over 1 MB through git/blobs).
//
// Idempotent: the edit is computed from the base branch every time; when the branch already
// holds exactly those files no commit is made, no ref moves and the open PR is returned as it
// is (its title and body are rewritten only with a new commit). The branch is the action's own:
// it is reset onto the base (force) when its files differ.








/** The token's permissions finalize: git-pr needs (workflow `permissions:`). */
/** A GitHub refusal of finalize: git-pr, explained (what permission or setting is missing). */
class GitPrError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .IstioCanaryError */ .f {
}
/** `istio-canary/promote-<deployment>`: one branch (and one open PR) per stable Deployment. */
function promotionBranch(deployment) {
    // Deployment names are DNS-1123 (lower case, digits, '-', '.'): valid in a ref as they are;
    // anything else is replaced rather than trusted.
    const safe = deployment
        .replace(/[^a-z0-9.-]/gi, '-')
        .replace(/\.\.+/g, '.')
        .replace(/^[.-]+|[.-]+$/g, '');
    return `istio-canary/promote-${safe === '' ? 'deployment' : safe}`;
}
/**
 * The manifest files (as read: absolute, or relative to `cwd`) as paths in the repository whose
 * root is `repoRoot` (GITHUB_WORKSPACE for a checkout at the workspace root), forward slashes,
 * without duplicates. A file outside the repository is an error: it cannot be committed.
 */
function repositoryPaths(files, cwd, repoRoot) {
    const out = [];
    for (const file of files) {
        const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(repoRoot), node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, file));
        if (rel === '' || rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel))
            throw new GitPrError(`finalize git-pr: the manifest ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(file)} is not inside the repository checkout ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(repoRoot)}; finalize commits the files it edits, so they must be files of the repository`);
        const posix = rel.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
        if (!out.includes(posix))
            out.push(posix);
    }
    return out;
}
/** The PR's base from the event (a pull_request's base branch), or null for the default branch. */
function prBase(github) {
    const pr = github.event?.['pull_request'];
    const ref = pr?.base?.ref;
    return typeof ref === 'string' && ref !== '' ? ref : null;
}
const enc = encodeURIComponent;
const encPath = (p) => p.split('/').map(enc).join('/');
/** A refusal explained: which permission or setting, for which call. Other errors as they are. */
function explain(error, repository, doing) {
    if (!(error instanceof _report_github_js__WEBPACK_IMPORTED_MODULE_5__.GithubApiError))
        return error;
    if (error.readOnly)
        return new GitPrError(`finalize git-pr: the github-token may not ${doing} in ${repository} (GitHub answered ${error.status} "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(error.githubMessage)}" to ${error.method} ${error.path}): give the job \`permissions:\` ${_rules_js__WEBPACK_IMPORTED_MODULE_0__/* .GIT_PR_PERMISSIONS */ .V} (a pull request from a fork never gets them; use a GitHub App or a fine-grained token with Contents and Pull requests read and write)`, { cause: error });
    if (/not permitted to create or approve pull requests/i.test(error.githubMessage))
        return new GitPrError(`finalize git-pr: GitHub does not let the github-token open pull requests in ${repository} ("${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(error.githubMessage)}"): turn on "Allow GitHub Actions to create and approve pull requests" (repository or organization Settings → Actions → General), or pass a GitHub App or personal token as github-token`, { cause: error });
    if (error.status === 404 && /^\/repos\/[^/]+\/[^/]+\/?$/.test(error.path))
        return new GitPrError(`finalize git-pr: repository ${repository} was not found with the github-token (404): check the repository and that the token may read it (contents: read)`, { cause: error });
    return error;
}
/**
 * Opens (or updates) the pull request that writes the promoted images into the manifests.
 * Nothing is written when an edit cannot be made (ManifestEditError, thrown before any write).
 */
async function openPromotionPr(options) {
    const { client, repository } = options;
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
    if (m === null)
        throw new GitPrError(`finalize git-pr: repository ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(repository)} is not owner/name`);
    const owner = m[1] ?? '';
    const repoPath = `repos/${enc(owner)}/${enc(m[2] ?? '')}`;
    let doing = 'read the repository';
    try {
        const base = options.base ??
            (await client.request('GET', repoPath)).data.default_branch;
        if (base === undefined || base === '')
            throw new GitPrError(`finalize git-pr: ${repository} has no default branch: set the base branch`);
        const baseSha = await refSha(client, repoPath, base);
        if (baseSha === null)
            throw new GitPrError(`finalize git-pr: the base branch ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(base)} is not in ${repository}`);
        // Read and edit first: a manifest that cannot be edited stops here, before any write.
        doing = 'read the manifests';
        const texts = await readFiles(client, repoPath, [...new Set(options.paths)], baseSha, base);
        const edited = (0,_edit_js__WEBPACK_IMPORTED_MODULE_6__/* .editManifestTexts */ .En)(texts, options.target);
        const changed = edited.files.filter((f) => f.changed);
        if (changed.length === 0) {
            options.logger?.info(`finalize git-pr: ${base} already has the promoted image in ${options.paths.join(', ')}: no pull request needed`);
            return { kind: 'up-to-date', base, commit: baseSha, notes: edited.notes };
        }
        const branch = promotionBranch(options.target.stableDeployment);
        let head = await refSha(client, repoPath, branch);
        const current = head === null
            ? null
            : await readFiles(client, repoPath, changed.map((f) => f.path), head, branch, true);
        const holds = current !== null && changed.every((f, i) => current[i]?.text === f.text);
        let committed = false;
        if (!holds || head === null) {
            doing = 'push the branch';
            head = await commitFiles(client, repoPath, baseSha, branch, head, changed, commitMessage(options, edited));
            committed = true;
        }
        doing = 'open the pull request';
        const title = prTitle(options);
        const body = prBody(options, edited, branch);
        const open = await openPull(client, repoPath, owner, branch);
        let pull;
        let created = false;
        if (open !== null) {
            pull = open;
            if (committed && (open.title !== title || open.body !== body))
                pull = (await client.request('PATCH', `${repoPath}/pulls/${open.number}`, { title, body }))
                    .data;
        }
        else {
            const landed = async () => {
                const found = await openPull(client, repoPath, owner, branch);
                return found === null ? null : { status: 201, data: found, headers: {} };
            };
            pull = (await client.request('POST', `${repoPath}/pulls`, { title, head: branch, base, body, maintainer_can_modify: true }, landed)).data;
            created = true;
        }
        const url = pull.html_url ?? '';
        options.logger?.info(`finalize git-pr: ${created ? 'opened' : 'kept'} pull request #${pull.number} ${url} from ${branch} into ${base}${committed ? ` (commit ${head.slice(0, 12)})` : ' (already up to date: nothing pushed)'}`);
        return {
            kind: 'pull-request',
            url,
            number: pull.number,
            branch,
            base,
            commit: head,
            created,
            committed,
            edits: edited.edits,
            notes: edited.notes,
        };
    }
    catch (error) {
        throw explain(error, repository, doing);
    }
}
async function refSha(client, repoPath, branch) {
    try {
        const { data } = await client.request('GET', `${repoPath}/git/ref/heads/${encPath(branch)}`);
        return data.object?.sha ?? null;
    }
    catch (error) {
        if (error instanceof _report_github_js__WEBPACK_IMPORTED_MODULE_5__.GithubApiError && error.status === 404)
            return null;
        throw error;
    }
}
/** The files at a commit; `missingOk`: a file not there reads as null text instead of an error. */
async function readFiles(client, repoPath, paths, sha, refName, missingOk = false) {
    const out = [];
    for (const path of paths) {
        let data;
        try {
            data = (await client.request('GET', `${repoPath}/contents/${encPath(path)}?ref=${sha}`))
                .data;
        }
        catch (error) {
            if (!(error instanceof _report_github_js__WEBPACK_IMPORTED_MODULE_5__.GithubApiError) || error.status !== 404)
                throw error;
            if (missingOk) {
                out.push({ path, text: '\u0000missing' });
                continue;
            }
            throw new GitPrError(`finalize git-pr: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(path)} is not in ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(refName)} (${sha.slice(0, 12)}); finalize edits the manifests as committed: give manifests as files of the repository`, { cause: error });
        }
        if (data.type !== 'file')
            throw new GitPrError(`finalize git-pr: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(path)} in ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(refName)} is a ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(data.type ?? '?')}, not a file`);
        let base64 = data.encoding === 'base64' ? (data.content ?? '') : '';
        if (data.encoding !== 'base64' && data.sha !== undefined)
            // Over 1 MB the contents API leaves the content out (encoding "none"): the blob has it.
            base64 =
                (await client.request('GET', `${repoPath}/git/blobs/${enc(data.sha)}`)).data
                    .content ?? '';
        out.push({ path, text: Buffer.from(base64, 'base64').toString('utf8') });
    }
    return out;
}
/** One commit on the base with all the edited files, and the branch moved (or created) to it. */
async function commitFiles(client, repoPath, baseSha, branch, head, files, message) {
    const baseCommit = await client.request('GET', `${repoPath}/git/commits/${baseSha}`);
    const baseTree = baseCommit.data.tree?.sha;
    // Trees, blobs and commits are content-addressed: a POST sent twice makes the same object.
    const tree = await client.request('POST', `${repoPath}/git/trees`, {
        ...(baseTree === undefined ? {} : { base_tree: baseTree }),
        tree: files.map((f) => ({ path: f.path, mode: '100644', type: 'blob', content: f.text })),
    });
    const commit = await client.request('POST', `${repoPath}/git/commits`, {
        message,
        tree: tree.data.sha,
        parents: [baseSha],
    });
    const sha = commit.data.sha;
    if (head === null) {
        const landed = async () => (await refSha(client, repoPath, branch)) === sha ? { status: 201, data: {}, headers: {} } : null;
        await client.request('POST', `${repoPath}/git/refs`, { ref: `refs/heads/${branch}`, sha }, landed);
    }
    else {
        // The branch is ours: reset onto the base with the new edit (a PATCH is idempotent).
        await client.request('PATCH', `${repoPath}/git/refs/heads/${encPath(branch)}`, { sha, force: true });
    }
    return sha;
}
async function openPull(client, repoPath, owner, branch) {
    const query = new URLSearchParams({ head: `${owner}:${branch}`, state: 'open' });
    const { data } = await client.request('GET', `${repoPath}/pulls?${query.toString()}`);
    return (Array.isArray(data) ? data[0] : undefined) ?? null;
}
function prTitle(options) {
    const t = options.target;
    const what = t.containers.length === 1 ? (t.containers[0]?.image ?? '') : `${t.containers.length} images`;
    return (0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(`istio-canary: promote ${t.namespace}/${t.stableDeployment} to ${what}`).slice(0, 250);
}
function commitMessage(options, edited) {
    const lines = edited.edits.map((e) => `- ${e.path}:${e.line} ${e.field === 'image' ? `container ${e.container ?? ''} image` : `${e.deployment} replicas`}: ${e.from} -> ${e.to}`);
    const run = options.report.run.runUrl;
    return ((0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(prTitle(options)) +
        '\n\n' +
        lines.map((l) => (0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(l)).join('\n') +
        (run ? `\n\nRun: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(run)}` : '') +
        '\n');
}
/** The PR body: a hidden marker, the image, every step with its verdict, the edits, the run. */
function prBody(options, edited, branch) {
    const { target, report } = options;
    const md = (s) => (0,_report_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkdown */ .FV)(s);
    const out = [
        `<!-- istio-canary:promote:${(0,_report_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkerPart */ .fr)(target.namespace)}/${(0,_report_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkerPart */ .fr)(target.stableDeployment)} -->`,
        `istio-canary promoted ${target.containers.map((c) => `**${md(c.image)}**`).join(', ')} to the Deployment ${md(`${target.namespace}/${target.stableDeployment}`)} (VirtualService ${md(report.virtualService)}). This pull request writes it into the manifests so that Git matches the cluster.`,
        '',
    ];
    const history = report.history.slice(0, 50);
    if (history.length > 0) {
        out.push('| Step | Canary weight | Verdict | Why |', '| ---: | ---: | --- | --- |');
        for (const s of history) {
            const failed = s.verdict.reasons.find((r) => !r.ok);
            const why = s.verdict.why ?? failed?.message ?? '';
            out.push(`| ${s.step} | ${s.weight}% | ${md(s.verdict.outcome)} | ${md(why)} |`);
        }
        if (report.history.length > history.length)
            out.push(`| … | | ${report.history.length - history.length} more | |`);
        out.push('');
    }
    out.push('Changes:');
    for (const e of edited.edits)
        out.push(`- ${md(e.path)} line ${e.line}: ${e.field === 'image' ? `container ${md(e.container ?? '')} image` : `${md(e.deployment)} replicas`} ${md(e.from)} → ${md(e.to)}`);
    for (const n of edited.notes)
        out.push(`- ${md(n)}`);
    const run = (0,_report_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .safeUrl */ .Pl)(report.run.runUrl);
    out.push('', `Branch ${md(branch)}, rewritten by istio-canary at each promotion of ${md(target.stableDeployment)}.`);
    if (run !== null)
        out.push(`[The promotion run](${run})`);
    return out.join('\n');
}


/***/ }),

/***/ 35455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitFinalize: () => (/* binding */ GitFinalize),
/* harmony export */   dryRunLines: () => (/* binding */ dryRunLines),
/* harmony export */   gitEditTarget: () => (/* binding */ gitEditTarget),
/* harmony export */   gitPrSettingsProblems: () => (/* reexport safe */ _gitops_rules_js__WEBPACK_IMPORTED_MODULE_8__.C),
/* harmony export */   postGitPr: () => (/* binding */ postGitPr),
/* harmony export */   prepareGitFinalize: () => (/* binding */ prepareGitFinalize)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_process__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1708);
/* harmony import */ var node_process__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_process__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _kube_manifests_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4483);
/* harmony import */ var _kube_containers_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(85733);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(14350);
/* harmony import */ var _gitops_edit_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(20018);
/* harmony import */ var _gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(33868);
/* harmony import */ var _gitops_rules_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(31671);
/* harmony import */ var _kube_manifest_read_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(93029);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(76930);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(82574);
// finalize: git-pr in the engine. Semantics: everything `promote-stable` does in the cluster
// (stable takes the canary's pod template, the traffic returns to stable, the canary is scaled
// to 0), so the cluster ends correct; then the promoted pod template's images are written into
// the repository's manifest files (the files of the `manifests` input that define the stable
// and canary Deployments; only the image scalars and the canary's replicas change, formatting
// and comments kept: src/gitops/edit.ts) and a pull request is opened or updated
// (src/gitops/pr.ts), so Git catches up with the cluster and Argo CD / Flux see no drift once it
// is merged. The report links the PR (`pullRequest`).
//
// - Checked before anything is written (prepareGitFinalize, called by the runner before the
//   Lease and in a dry run): a github-token and a repository, the manifest files inside the
//   repository checkout, and the edit itself run on the local files (a templated image `{{`, a
//   stable Deployment not in the files, a container the manifests do not have are refused
//   before the first weight moves).
// - After the run (finish): when the promotion is `promoted` at the end of this run (also a
//   rerun that only finished a finalize, or found it promoted: the PR is idempotent, so a rerun
//   after a refused PR opens it without touching the cluster again), the images the live stable
//   Deployment runs are proposed. A refusal (403 permissions, the repository setting, a file not
//   committed) leaves the promotion promoted in the cluster but fails the run (report `failure`,
//   job red) with the cause and what to fix: never a silent success.
// - A dry run says which files and lines would change and that a PR would be opened; it calls
//   no GitHub API.
// - The post step (postGitPr): when it completes a finalize the main step left (cancelled or
//   killed at `finalizing`), or finds the main step's promotion promoted without its PR (killed
//   while opening it), it opens or updates the same PR through prepareGitFinalize and finish,
//   from the manifest files main read (saved in the post target); a refusal or files gone by then
//   leave the cluster promoted and say why and what to run.
// The GitHub client is created here, at the end, only for git-pr (this module is imported lazily).













const inNamespace = (d, namespace, name) => d.object.kind === 'Deployment' &&
    d.object.metadata?.name === name &&
    (d.object.metadata?.namespace ?? namespace) === namespace;
/** The folder above `from` (itself included) that holds `.git` (a folder, or a worktree's file). */
async function checkoutRoot(from) {
    let dir = from;
    for (;;) {
        if (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, '.git')).catch(() => null))
            return dir;
        const up = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(dir);
        if (up === dir)
            return null;
        dir = up;
    }
}
/**
 * The edit as the run will make it, on the texts given: the promoted containers written into
 * the stable Deployment, the canary's replicas to 0. Pure.
 */
function gitEditTarget(t, stableDeployment, containers) {
    return { namespace: t.namespace, stableDeployment, containers, canaryDeployment: t.canaryDeployment };
}
/** The dry run's lines: the files and lines that would change, and the PR. Pure. */
function dryRunLines(edited, where) {
    const branch = (0,_gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.promotionBranch)(where.stableDeployment);
    const into = where.base ?? "the repository's default branch";
    if (edited.edits.length === 0)
        return [
            `[dry-run] finalize git-pr: the manifests already have the promoted image; no pull request would be needed (if ${into} in ${where.repository} holds them as the checkout does)`,
        ];
    return [
        ...edited.edits.map((e) => `[dry-run] finalize git-pr: would change ${e.path} line ${e.line}: ${e.field === 'image' ? `container ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(e.container ?? '')} image` : `${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(e.deployment)} replicas`} ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(e.from)} → ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(e.to)}`),
        ...edited.notes.map((n) => `[dry-run] finalize git-pr: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(n)}`),
        `[dry-run] finalize git-pr: would open or update a pull request from ${branch} into ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(into)} in ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(where.repository)} (no GitHub API is called in a dry run)`,
    ];
}
/**
 * Everything finalize: git-pr can check before the run writes: the inputs, the files and the
 * edit itself on the local files with the image the canary will run. Throws GitPrError or
 * ManifestEditError (nothing written); returns what finishes the run.
 */
async function prepareGitFinalize(settings, run, 
// Tests and embedders may pass these with the runner's deps.
options = run.deps) {
    const { deps } = run;
    const target = run.target;
    // Before the run nothing at all is written; in the post step the cluster already was.
    const unwritten = options.afterPromotion ? 'Nothing was written to Git' : 'Nothing was written';
    const problems = (0,_gitops_rules_js__WEBPACK_IMPORTED_MODULE_8__/* .gitPrSettingsProblems */ .C)(settings);
    if (problems.length > 0)
        throw new _gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.GitPrError(`finalize git-pr: ${problems.map((p) => `${p.input} ${p.message}`).join('; ')}. ${unwritten}`);
    const stable = target.stableDeployment;
    if (!stable)
        throw new _gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.GitPrError(`finalize git-pr: no stable Deployment was found for the stable subset; finalize writes the promoted image into its manifest. ${unwritten}`);
    const stableDocs = target.docs.filter((d) => inNamespace(d, target.namespace, stable));
    if (stableDocs.length === 0)
        throw new _gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.GitPrError(`finalize git-pr: the stable Deployment ${target.namespace}/${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(stable)} is in none of the manifests (${settings.manifests.map(_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN).join(', ')}); finalize writes the promoted image where it is defined: add its manifest to \`manifests\`. ${unwritten}`);
    const canary = target.canaryDeployment;
    // A document's file is as read: relative to the run's folder (manifest-read.ts), so absolute here.
    const runDir = deps.cwd ?? node_process__WEBPACK_IMPORTED_MODULE_2___default().cwd();
    const files = [
        ...new Set(target.docs
            .filter((d) => inNamespace(d, target.namespace, stable) || (canary && inNamespace(d, target.namespace, canary)))
            .map((d) => node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(runDir, d.file))),
    ];
    const repoRoot = options.repoRoot ??
        (await checkoutRoot(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(files[0] ?? node_path__WEBPACK_IMPORTED_MODULE_1___default().join(runDir, '.')))) ??
        settings.github.workspace ??
        null;
    if (repoRoot === null)
        throw new _gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.GitPrError(`finalize git-pr: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(files[0] ?? '')} is not in a Git checkout (no .git above it, no GITHUB_WORKSPACE); finalize commits the manifest files it edits: check out the repository (actions/checkout) and give manifests from it. ${unwritten}`);
    const paths = (0,_gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.repositoryPaths)(files, '/', repoRoot);
    // The images the canary will run: its manifest (with canary-image set, as the target has it),
    // else the live Deployment with canary-image set.
    let canaryObject = (canary && target.docs.find((d) => inNamespace(d, target.namespace, canary))?.object) || null;
    if (!canaryObject && canary) {
        const live = await deps.kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: canary, namespace: target.namespace }, { signal: deps.signal });
        canaryObject =
            live && settings.canaryImage ? (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_3__/* .withImage */ .Mo)(live, settings.canaryImage, target.canaryContainer) : live;
    }
    const containers = (0,_kube_containers_js__WEBPACK_IMPORTED_MODULE_4__/* .containersOf */ .Mz)(canaryObject ?? stableDocs[0].object);
    const texts = await Promise.all(files.map(async (f, i) => ({ path: paths[i], text: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(f, 'utf8') })));
    let edited;
    try {
        edited = (0,_gitops_edit_js__WEBPACK_IMPORTED_MODULE_6__/* .editManifestTexts */ .En)(texts, gitEditTarget(target, stable, containers));
    }
    catch (error) {
        if (!(error instanceof _gitops_edit_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestEditError */ .MA))
            throw error;
        throw new _gitops_edit_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestEditError */ .MA(error.problems.map((p) => `${p} (checked on the local files ${options.afterPromotion ? 'by the post step: nothing was written to Git' : 'before the promotion: nothing was written'})`));
    }
    const base = settings.gitBase ?? (0,_gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.prBase)(settings.github);
    deps.logger.info(`finalize git-pr: after promote-stable, the promoted image goes into ${paths.join(', ')} by a pull request from ${(0,_gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.promotionBranch)(stable)} into ${base ?? 'the default branch'} of ${settings.github.repository}`);
    return new GitFinalize(settings, stable, paths, base, edited, options, deps.logger);
}
class GitFinalize {
    settings;
    stableDeployment;
    paths;
    base;
    planned;
    options;
    logger;
    constructor(settings, stableDeployment, paths, base, 
    /** The edit as checked on the local files before the run. */
    planned, options, logger) {
        this.settings = settings;
        this.stableDeployment = stableDeployment;
        this.paths = paths;
        this.base = base;
        this.planned = planned;
        this.options = options;
        this.logger = logger;
    }
    get repository() {
        return this.settings.github.repository ?? '';
    }
    /** The dry run: which lines would change and that a PR would be opened once promoted. */
    afterDryRun(report) {
        const { command, steps } = this.settings;
        // run walks the whole schedule: promoted when it ends at 100%; step makes one step.
        const promotes = command === 'promote' || (command === 'run' && steps.at(-1) === 100);
        if (!promotes)
            this.logger.info(`[dry-run] finalize git-pr: ${command} does not promote in this run${command === 'run' ? ` (the schedule ends at ${steps.at(-1) ?? 0}%)` : ''}; once the promotion is promoted:`);
        const lines = dryRunLines(this.planned, {
            repository: this.repository,
            base: this.base,
            stableDeployment: this.stableDeployment,
        });
        for (const l of lines)
            this.logger.info(l);
        return report;
    }
    /**
     * The end of the run: opens or updates the PR when the promotion is promoted, and returns the
     * report with `pullRequest`, or with `failure` when it could not be opened.
     */
    async finish(run, report) {
        if (run.state?.phase !== 'promoted')
            return report;
        const { kube, signal } = run.deps;
        const note = (failure) => notOpened(report, this.logger, failure);
        if (signal.aborted)
            return note(`finalize git-pr: cancelled before the pull request was opened; ${stillPromoted(this.stableDeployment)}. Run \`promote\` again to open it: it changes nothing more in the cluster`);
        try {
            const live = await kube.get(run.deploymentRef(this.stableDeployment), { signal });
            const containers = (0,_kube_containers_js__WEBPACK_IMPORTED_MODULE_4__/* .containersOf */ .Mz)(live);
            if (containers.length === 0)
                throw new _gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.GitPrError(`finalize git-pr: the stable Deployment ${run.target.namespace}/${this.stableDeployment} has no containers to write into Git`);
            const [{ GithubClient }, { openPromotionPr }] = await Promise.all([
                Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 97611)),
                Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 33868)),
            ]);
            const client = new GithubClient({
                ...this.options.githubClient,
                signal: this.options.githubClient?.signal ?? signal,
                apiUrl: this.settings.github.apiUrl,
                token: this.settings.githubToken ?? '',
            });
            const result = await openPromotionPr({
                client,
                repository: this.repository,
                base: this.base,
                paths: this.paths,
                target: gitEditTarget(run.target, this.stableDeployment, containers),
                report,
                logger: this.logger,
            });
            const notes = result.notes.map((n) => `finalize git-pr: ${n}`);
            if (result.kind === 'up-to-date')
                return {
                    ...report,
                    notices: [
                        ...(report.notices ?? []),
                        ...notes,
                        `Git: ${result.base} already has the promoted image in ${this.paths.join(', ')}; no pull request needed`,
                    ],
                };
            const pullRequest = {
                url: result.url,
                number: result.number,
                created: result.created,
                committed: result.committed,
                repository: this.repository,
                branch: result.branch,
                base: result.base,
                commit: result.commit,
                deployment: this.stableDeployment,
                images: containers.map((c) => c.image),
                files: [...new Set(result.edits.map((e) => e.path))],
            };
            return {
                ...report,
                pullRequest,
                ...(notes.length > 0 ? { notices: [...(report.notices ?? []), ...notes] } : {}),
            };
        }
        catch (error) {
            return note(refusal(error, this.stableDeployment));
        }
    }
}
/** A file as the log shows it: relative to the run's folder when inside it, else absolute. */
const shownPath = (file, cwd) => {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(cwd, file);
    return rel === '' || rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel) ? file : rel;
};
const stillPromoted = (stable) => `the promotion stays promoted in the cluster (stable ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(stable)} runs the canary's version)`;
/** The report of a promotion whose PR was not opened: `failure` (the job goes red) says why. */
function notOpened(report, logger, failure) {
    logger.error(failure);
    return { ...report, failure, pullRequestError: failure };
}
/** A refusal of the PR: the cause, that the cluster stays promoted, and the run that opens it. */
function refusal(error, stable) {
    const why = (0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(error instanceof Error ? error.message : String(error));
    return `${why.startsWith('finalize git-pr') ? why : `finalize git-pr: the pull request could not be opened: ${why}`}; ${stillPromoted(stable)}, but Git does not have it yet. Fix this and run \`promote\` again: it opens the pull request and changes nothing more in the cluster`;
}
/**
 * The post step's pull request (finalize: git-pr). When the promotion the main step left
 * (deps.holder) is now promoted (completed by finishInterrupted, or found promoted: main was
 * killed before its PR), the same PR as a run's (prepareGitFinalize, then finish: same branch,
 * no write when it is already there), checked before any GitHub write. Returns the report with
 * `pullRequest`, or with `failure` saying why not (the files gone, a refusal) and what to run;
 * `input.report` as it is when there is no PR to open (the promotion was rolled back, another
 * job's, not promoted); null when there is not even a route.
 */
async function postGitPr(input) {
    const { settings, deps } = input;
    if (input.report && input.report.status !== 'promoted')
        return input.report;
    const cwd = deps.cwd ?? node_process__WEBPACK_IMPORTED_MODULE_2___default().cwd();
    let target;
    try {
        // As finishInterrupted reads it: the live route and Deployments, not the manifests.
        target = await (0,_target_js__WEBPACK_IMPORTED_MODULE_11__/* .resolveTarget */ .u1)({ ...settings, command: 'rollback', manifests: [], canaryImage: null }, deps.kube, { cwd });
    }
    catch (err) {
        if (!(err instanceof _kube_manifest_read_js__WEBPACK_IMPORTED_MODULE_9__/* .ManifestError */ .Sh))
            throw err;
        return input.report;
    }
    const run = new _run_js__WEBPACK_IMPORTED_MODULE_10__/* .Run */ .KF({ ...settings, command: 'promote', finalize: 'promote-stable' }, deps, target);
    await run.readVs();
    const s = run.state;
    if (s?.phase !== 'promoted' || s.runId !== run.holder)
        return input.report;
    const report = input.report ?? run.report(null);
    const stable = target.stableDeployment ?? '?';
    const cannot = (why, fix) => notOpened(report, deps.logger, `finalize git-pr: the post step could not open the pull request: ${why}; ${stillPromoted(stable)}, but Git does not have it yet. ${fix}`);
    const rerun = 'run `promote` again with the same inputs (finalize: git-pr) in a job that checks out the repository: it opens the pull request and changes nothing more in the cluster';
    // The files main read, as main read them: a later step may have removed or moved them.
    const files = input.files ?? null;
    if (files) {
        const gone = (await Promise.all(files.map(async (f) => ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(f).catch(() => null)) ? null : f)))).filter((f) => f !== null);
        if (gone.length > 0)
            return cannot(`the manifest file${gone.length > 1 ? 's' : ''} the main step read ${gone.length > 1 ? 'are' : 'is'} gone (${gone.map((f) => (0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(shownPath(f, cwd))).join(', ')}: a later step removed or moved ${gone.length > 1 ? 'them' : 'it'}), so it cannot tell which files to edit nor check the edit`, `To open it, ${rerun}; or set the image of ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(stable)} to ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(report.canaryImage ?? "the canary's")} in its manifest by hand`);
    }
    const gitSettings = { ...settings, manifests: files ? [...files] : settings.manifests };
    let prepared;
    try {
        const docs = await (0,_target_js__WEBPACK_IMPORTED_MODULE_11__/* .loadManifests */ .DD)(gitSettings, cwd);
        prepared = await prepareGitFinalize(gitSettings, { target: { ...target, docs }, deps }, { ...deps, afterPromotion: true });
    }
    catch (error) {
        if (!(error instanceof _kube_manifest_read_js__WEBPACK_IMPORTED_MODULE_9__/* .ManifestError */ .Sh ||
            error instanceof _gitops_pr_js__WEBPACK_IMPORTED_MODULE_7__.GitPrError ||
            error instanceof _gitops_edit_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestEditError */ .MA))
            throw error;
        return cannot((0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(error.message), `Fix this and ${rerun}`);
    }
    return prepared.finish(run, report);
}


/***/ })

};

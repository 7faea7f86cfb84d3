export const id = 257;
export const ids = [257];
export const modules = {

/***/ 93257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X4: () => (/* binding */ runChecked),
/* harmony export */   createCommandRunner: () => (/* binding */ createCommandRunner),
/* harmony export */   rC: () => (/* binding */ startBackground),
/* harmony export */   wn: () => (/* binding */ CommandStartError)
/* harmony export */ });
/* unused harmony exports CommandAbortedError, CommandFailedError, signalFor, cancellationSignal */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
// The one choke point for child processes (DESIGN.md: only src/cluster spawns). argv arrays
// only, never a shell; output captured; SIGINT/SIGTERM reach the children through an
// AbortSignal so a cancelled job does not leave kind/istioctl/port-forwards running.


/** A child that failed to start (e.g. ENOENT: not on PATH). */
class CommandStartError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IstioCanaryError */ .f {
    file;
    code;
    constructor(file, code, cause) {
        super(`could not start ${file}: ${code === 'ENOENT' ? 'not found' : String(cause)}`, { cause });
        this.file = file;
        this.code = code;
    }
}
/** A child stopped because the run was cancelled. */
class CommandAbortedError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IstioCanaryError */ .f {
    file;
    signal;
    constructor(file, signal) {
        super(`${file} stopped: the run was cancelled (${signal})`);
        this.file = file;
        this.signal = signal;
    }
}
/** A command that exited non-zero, with the tail of its stderr to say why. */
class CommandFailedError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IstioCanaryError */ .f {
    file;
    args;
    exitCode;
    stderr;
    constructor(file, args, exitCode, stderr) {
        const tail = stderr.trim().split('\n').slice(-10).join('\n');
        super(`${[file, ...args].join(' ')} exited with ${exitCode}${tail ? `:\n${tail}` : ''}`);
        this.file = file;
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
/** The signal to send a child: the abort reason when it names one (SIGINT/SIGTERM), else SIGTERM. */
function signalFor(reason) {
    return reason === 'SIGINT' || reason === 'SIGTERM' || reason === 'SIGKILL' ? reason : 'SIGTERM';
}
/**
 * An AbortSignal that fires when this process gets SIGINT or SIGTERM, with the signal name
 * as its reason, so runs forward the same signal to their children. dispose() removes the
 * listeners (and the default "exit on signal" behaviour comes back).
 */
function cancellationSignal(proc = process) {
    const controller = new AbortController();
    const onSignal = (sig) => {
        if (!controller.signal.aborted)
            controller.abort(sig);
    };
    proc.on('SIGINT', onSignal);
    proc.on('SIGTERM', onSignal);
    return {
        signal: controller.signal,
        dispose() {
            proc.off('SIGINT', onSignal);
            proc.off('SIGTERM', onSignal);
        },
    };
}
function envFor(config, extra) {
    if (!config.baseEnv && !extra)
        return undefined; // inherit
    // Without a baseEnv the child inherits ours; spawn needs the merged object for extras.
    return { ...(config.baseEnv ?? process.env), ...extra };
}
function lineSplitter(sink) {
    let rest = '';
    return {
        push(chunk) {
            rest += chunk;
            let i;
            while ((i = rest.indexOf('\n')) >= 0) {
                sink(rest.slice(0, i).replace(/\r$/, ''));
                rest = rest.slice(i + 1);
            }
        },
        flush() {
            if (rest)
                sink(rest);
            rest = '';
        },
    };
}
function wireAbort(child, signal, onAbort) {
    if (!signal)
        return () => undefined;
    const handler = () => {
        const sig = signalFor(signal.reason);
        onAbort(sig);
        child.kill(sig);
    };
    if (signal.aborted) {
        queueMicrotask(handler);
        return () => undefined;
    }
    signal.addEventListener('abort', handler, { once: true });
    return () => signal.removeEventListener('abort', handler);
}
function createCommandRunner(config = {}) {
    return {
        start(file, args, options = {}) {
            return startBackground(file, args, { ...options, baseEnv: config.baseEnv, signal: config.signal });
        },
        run(file, args, options = {}) {
            return new Promise((resolve, reject) => {
                const signal = options.signal ?? config.signal;
                // Cancelled already: start nothing.
                if (signal?.aborted)
                    return reject(new CommandAbortedError(file, signalFor(signal.reason)));
                const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, [...args], {
                    cwd: options.cwd,
                    env: envFor(config, options.env),
                    stdio: ['pipe', 'pipe', 'pipe'],
                    shell: false,
                });
                let stdout = '';
                let stderr = '';
                let aborted = null;
                const echo = !options.silent && config.echo ? lineSplitter(config.echo) : null;
                const unwire = wireAbort(child, signal, (sig) => (aborted = sig));
                child.stdout?.setEncoding('utf8').on('data', (d) => {
                    stdout += d;
                    echo?.push(d);
                });
                child.stderr?.setEncoding('utf8').on('data', (d) => {
                    stderr += d;
                    echo?.push(d);
                });
                child.on('error', (err) => {
                    unwire();
                    reject(new CommandStartError(file, err.code, err));
                });
                child.on('close', (code, sig) => {
                    unwire();
                    echo?.flush();
                    if (aborted)
                        return reject(new CommandAbortedError(file, aborted));
                    resolve({ exitCode: code ?? (sig ? 128 : 1), stdout, stderr });
                });
                // EPIPE when a child exits without reading its input is not our failure: 'close' reports it.
                child.stdin?.on('error', () => undefined);
                child.stdin?.end(options.input ?? '');
            });
        },
    };
}
/** Runs and throws CommandFailedError on a non-zero exit; returns stdout. */
async function runChecked(runner, file, args, options) {
    const r = await runner.run(file, args, options);
    if (r.exitCode !== 0)
        throw new CommandFailedError(file, args, r.exitCode, r.stderr || r.stdout);
    return r.stdout;
}
function startBackground(file, args, options = {}) {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, [...args], {
        env: envFor({ baseEnv: options.baseEnv }, options.env),
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: false,
    });
    const lines = [];
    const waiters = new Set();
    const split = lineSplitter((line) => {
        lines.push(line);
        options.logger?.debug(`${file}: ${line}`);
        for (const w of [...waiters])
            w(line);
    });
    child.stdout?.setEncoding('utf8').on('data', (d) => split.push(d));
    child.stderr?.setEncoding('utf8').on('data', (d) => split.push(d));
    const exited = new Promise((resolve) => {
        child.on('error', () => resolve(null));
        child.on('close', (code) => {
            split.flush();
            resolve(code);
        });
    });
    void exited.then(() => {
        for (const w of [...waiters])
            w(null);
    });
    const unwire = wireAbort(child, options.signal, () => undefined);
    let stopping = null;
    return {
        pid: child.pid,
        exited,
        waitForLine(re, timeoutMs) {
            for (const l of lines) {
                const m = l.match(re);
                if (m)
                    return Promise.resolve(m);
            }
            return new Promise((resolve, reject) => {
                const timer = setTimeout(() => {
                    waiters.delete(waiter);
                    reject(new Error(`${file} printed no line matching ${String(re)} within ${timeoutMs} ms:\n${lines.slice(-5).join('\n')}`));
                }, timeoutMs);
                const waiter = (line) => {
                    if (line === null) {
                        waiters.delete(waiter);
                        clearTimeout(timer);
                        reject(new Error(`${[file, ...args].join(' ')} exited before it was ready:\n${lines.slice(-5).join('\n')}`));
                        return;
                    }
                    const m = line.match(re);
                    if (m) {
                        waiters.delete(waiter);
                        clearTimeout(timer);
                        resolve(m);
                    }
                };
                waiters.add(waiter);
            });
        },
        stop() {
            stopping ??= (async () => {
                unwire();
                if (child.exitCode === null && child.signalCode === null)
                    child.kill('SIGTERM');
                await exited;
            })();
            return stopping;
        },
    };
}


/***/ })

};

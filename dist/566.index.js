export const id = 566;
export const ids = [566];
export const modules = {

/***/ 5566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportPreviewDeleted: () => (/* binding */ reportPreviewDeleted)
/* harmony export */ });
/* unused harmony export previewDeletedMarkdown */
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6412);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7611);


function previewDeletedMarkdown(namespace, virtualService, at) {
    return [
        `## 🧹 Preview environment deleted: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV)(namespace, 80)}/${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV)(virtualService, 80)}`,
        '',
        `The namespace ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV)(namespace, 80)} and everything in it were deleted at ${at.toISOString()} when the pull request closed.`,
    ].join('\n');
}
/** Updates the sticky comment of each VirtualService the preview had; returns the comment URLs. */
async function reportPreviewDeleted(options, namespace, virtualServices, deps) {
    const at = deps.now?.() ?? new Date();
    const urls = [];
    // One client (one Octokit, one proxy agent) for every comment of the preview.
    let client;
    for (const vs of virtualServices.length ? virtualServices : ['(none)']) {
        const markdown = previewDeletedMarkdown(namespace, vs, at);
        await deps.summary.write(markdown);
        if (options.comment === 'never' || !options.githubToken || virtualServices.length === 0)
            continue;
        client ??= new _github_js__WEBPACK_IMPORTED_MODULE_1__/* .GithubClient */ .ty({
            ...deps.client,
            apiUrl: options.github.apiUrl,
            token: options.githubToken,
            proxy: options.proxy ?? deps.client?.proxy,
        });
        const sticky = new _github_js__WEBPACK_IMPORTED_MODULE_1__/* .StickyComment */ .HU({
            client,
            github: options.github,
            prNumber: options.prNumber,
            marker: (0,_github_js__WEBPACK_IMPORTED_MODULE_1__/* .stickyMarker */ .YL)(namespace, vs, options.github.workflow),
            logger: deps.logger,
        });
        try {
            const result = await sticky.post(markdown, 'update-only');
            if (result.kind === 'posted')
                urls.push(result.url);
        }
        catch (e) {
            deps.logger.warning(`preview: could not update the PR comment: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    return urls;
}


/***/ })

};

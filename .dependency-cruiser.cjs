/**
 * The dependency rules of DESIGN.md ("Layout"), enforced in `npm test`.
 * Each rule has a fixture under test/deps/fixtures/<rule-name>/ that must make this check fail
 * and name the rule (test/deps/dependency-rules.test.ts).
 * Paths are relative to the working directory, so the same config judges the repo and the fixtures.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment:
        'shared/ imports nothing of the app outside itself (no electron/, renderer/, test/, scripts/).',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer|test|scripts)/' },
    },
    {
      name: 'shared-no-electron',
      comment: 'shared/ never imports electron.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'shared-no-node',
      comment: 'shared/ never imports Node builtins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-file-readers-only-in-intake',
      comment:
        'Only shared/domain/intake/ reads spreadsheets (tests may re-read what they check): papaparse, read/write-excel-file and their zip library (fflate) stay out of the rest of shared/, which every bundle imports.',
      severity: 'error',
      from: { path: '^shared/', pathNot: ['^shared/domain/intake/', '\\.test\\.ts$'] },
      to: { path: '(^|/)node_modules/(papaparse|read-excel-file|write-excel-file|fflate)/' },
    },
    {
      name: 'renderer-only-shared',
      comment: 'renderer/ imports only shared/ and its own code (plus browser npm packages).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|test|scripts)/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'renderer/ never imports Node builtins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-electron',
      comment: 'renderer/ never imports electron.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'feature-not-other-feature',
      comment:
        'A screen (renderer/src/features/<name>) never imports another screen: shared pieces go to ui/ or lib/ (UI.md).',
      severity: 'error',
      from: { path: '^renderer/src/features/([^/]+)/' },
      to: { path: '^renderer/src/features/', pathNot: '^renderer/src/features/$1/' },
    },
    {
      name: 'ui-not-features',
      comment:
        'The shared kit (renderer/src/ui) never imports a screen: screens build on the kit, not the other way round.',
      severity: 'error',
      from: { path: '^renderer/src/ui/' },
      to: { path: '^renderer/src/features/' },
    },
    {
      name: 'engine-no-electron',
      comment: 'electron/core, electron/web and electron/sandbox are plain Node: they never import electron.',
      severity: 'error',
      from: { path: '^electron/(core|web|sandbox)/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'sandbox-not-core',
      comment: 'The simulator stands in for Sinch: it must not share the client’s assumptions.',
      severity: 'error',
      from: { path: '^electron/sandbox/' },
      to: { path: '^electron/core/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules must stay *visible* (not excluded) or imports of `electron` would vanish from the graph.
    exclude: { path: '^(out|test/deps/fixtures)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

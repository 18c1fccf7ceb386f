// The docs domain's public surface (docs-as-code: TechDocs layout rendered through MDX).
export { rebuildDocsAfterPush } from './events';
export { buildDocsJob, reconcileDocsJob } from './jobs';
export { buildDocs, docsBases, type BuildResult, type DocsProblem } from './mutations';
export {
  getDocsAsset,
  getDocsPage,
  getDocsSite,
  listDocsProblems,
  listDocumentedEntities,
  searchDocs,
  type DocsPageView,
  type DocsSiteView,
  type DocumentedEntity,
  type DocsSearchHit,
} from './queries';
export { editUrlOf } from './model/mkdocs';
export { flattenNav, type NavItem } from './model/nav';
export { isInlineSafe } from './model/content-type';
export { normaliseDocsPath } from './model/paths';
export { TECHDOCS_REF } from './source-of';

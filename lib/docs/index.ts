// The docs domain's public surface (docs-as-code: TechDocs layout rendered through MDX).
export { buildDocsJob, reconcileDocsJob } from './jobs';
export { buildDocs, FIRST_VIEW_BUDGET_MS } from './mutations';
export {
  countDocsProblems,
  DOCS_PAGE_SIZE,
  getDocsPage,
  getDocsSite,
  getEntityDocsProblems,
  listDocsProblems,
  listDocumentedEntities,
  type DocumentedEntity,
  type EntityDocsProblem,
} from './queries';
export { editUrlOf } from './model/mkdocs';
export { flattenNav, type NavItem } from './model/nav';
export type { PageSection } from './model/render';
export { TECHDOCS_REF } from './source-of';

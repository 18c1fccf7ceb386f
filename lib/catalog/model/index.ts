// Public API of the pure catalog model (no I/O): entity types, refs, location refs, validation,
// relations, descriptor parsing and substitutions.

export type {
  ApiEntity,
  ApiEntitySpec,
  CatalogEntity,
  ComponentEntity,
  ComponentEntitySpec,
  DocumentPath,
  DomainEntity,
  DomainEntitySpec,
  Entity,
  EntityKind,
  EntityOfKind,
  EntitySpecs,
  EntityLink,
  EntityMetadata,
  EntityPosition,
  EntityRelation,
  GroupEntity,
  GroupEntitySpec,
  LocationEntity,
  LocationEntitySpec,
  ResourceEntity,
  ResourceEntitySpec,
  SystemEntity,
  SystemEntitySpec,
  TemplateEntity,
  TemplateEntitySpec,
  TemplateStep,
  UserEntity,
  UserEntitySpec,
  ValidationIssue,
} from './entity';
export type { EntityLinkTarget, EntitySummary } from './entity-summary';
export {
  DEFAULT_NAMESPACE,
  ownerRefOf,
  parseEntityRef,
  shortOwnerRef,
  shortRef,
  shortSystemRef,
  stringifyEntityRef,
  tryParseEntityRef,
  type CompoundEntityRef,
  type EntityRefContext,
  type EntityRefInput,
} from './refs';
export {
  isValidApiVersion,
  isValidDnsLabel,
  isValidDnsSubdomain,
  isValidKind,
  isValidLabelOrAnnotationKey,
  isValidLabelValue,
  isValidNamespace,
  isValidObjectName,
  isValidEntity,
  isValidTag,
  OBJECT_NAME_RULE,
  validateEntity,
} from './validation';
export { catalogEntityOf, findKnownKind, isEntityOfKind, KIND_RULES, KNOWN_KINDS, ruleFor, validateKindSpec, type KindRule } from './kinds';
export * from './relations';
export { checkSize, DEFAULT_PARSE_LIMITS, documentToValue, resolveParseLimits, shortYamlMessage, type ParseLimits } from './yaml-limits';
export {
  formatDescriptorError,
  parseDescriptorFile,
  parseDescriptorStream,
  type DescriptorError,
  type DescriptorErrorCode,
  type ParseDescriptorResult,
  type ParsedDocument,
} from './parse-descriptor';
export { formatDocumentPath, resolveSubstitutions, type ReadSubstitution } from './substitutions';
export {
  canonicalTarget,
  displayTarget,
  generatedLocationName,
  generatedLocationRef,
  isInsideRoots,
  isUrl,
  LOCATION_ANNOTATIONS,
  locationRef,
  type LocationSpec,
  urlLocationAnnotations,
} from './location-target';
export { repositoryOf, type EntityRepository } from './repository-of';

// Public API of the pure catalog model (no I/O): entity types, refs, validation,
// relations, descriptor parsing and substitutions.

export type {
  DocumentPath,
  Entity,
  EntityLink,
  EntityMetadata,
  EntityPosition,
  EntityRelation,
  ValidationIssue,
} from './entity';
export {
  DEFAULT_NAMESPACE,
  parseEntityRef,
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
  isValidTag,
  validateEntity,
} from './validation';
export { findKnownKind, KIND_RULES, KNOWN_KINDS, validateKindSpec } from './kinds';
export * from './relations';
export { DEFAULT_PARSE_LIMITS, resolveParseLimits, type ParseLimits } from './yaml-limits';
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

// The scaffolder's pure model (no I/O), for other domains: what a Template's skeleton folders are
// (catalog ingestion skips them) and how a template descriptor reads.
export { insideSkeleton, skeletonsOf, templateSkeletons } from './skeletons';

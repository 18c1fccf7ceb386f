import { EntityNotFound } from './_components/entity-not-found';

// notFound() from the entity page lands here; the ref and close matches come from the URL.
export default function EntityNotFoundPage() {
  return <EntityNotFound />;
}

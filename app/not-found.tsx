import PortalLayout from './(portal)/layout';
import PortalNotFound from './(portal)/not-found';

// Unmatched URLs render inside the portal shell, like every other page.
export default function NotFound() {
  return (
    <PortalLayout>
      <PortalNotFound />
    </PortalLayout>
  );
}

/** The lifecycles Backstage names, offered to a lifecycle field (`list={id}`); any other value is allowed. */
export function LifecycleOptions({ id }: { id: string }) {
  return (
    <datalist id={id}>
      <option value="experimental" />
      <option value="production" />
      <option value="deprecated" />
    </datalist>
  );
}

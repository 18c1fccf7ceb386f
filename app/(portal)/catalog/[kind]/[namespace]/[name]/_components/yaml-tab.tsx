import { CodeBlock } from '@/components/catalog/code-block';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { ServedEntity } from '@/lib/catalog/queries/served-entities';

const dataUrl = (text: string, type: string) => `data:${type};charset=utf-8,${encodeURIComponent(text)}`;

/** The descriptor as written, and the entity as the catalog API serves it. */
export async function YamlTab({
  rawYaml,
  entity,
  fileName,
  apiHref,
  downloadHref,
}: {
  rawYaml: string;
  entity: ServedEntity;
  fileName: string;
  apiHref: string;
  /** The descriptor as a file (the entity's /export route): one download, not the text a second time in the page. */
  downloadHref: string;
}) {
  const json = JSON.stringify(entity, null, 2);
  return (
    <div className="space-y-6">
      <Card
        title="Descriptor"
        actions={
          <a href={downloadHref} download className={buttonClass('secondary')}>
            Download YAML
          </a>
        }
      >
        <CodeBlock code={rawYaml} lang="yaml" />
      </Card>
      <Card
        title="As served by the catalog API"
        actions={
          <span className="flex items-center gap-2">
            <a href={apiHref} className="text-sm">
              Open in API
            </a>
            <a href={dataUrl(json, 'application/json')} download={`${fileName}.json`} className={buttonClass('secondary')}>
              Download JSON
            </a>
          </span>
        }
      >
        <CodeBlock code={json} lang="json" maxHeight="60vh" />
      </Card>
    </div>
  );
}

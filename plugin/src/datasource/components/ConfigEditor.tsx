import React, { type ChangeEvent } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { InlineField, Input, SecretInput } from '@grafana/ui';

import type { VigilOptions, VigilSecureOptions } from '../types';

type Props = DataSourcePluginOptionsEditorProps<VigilOptions, VigilSecureOptions>;

export const configTestIds = {
  url: 'data-testid vigil-config-url',
  token: 'data-testid vigil-config-token',
  sourceUid: 'data-testid vigil-config-source-uid',
  sourceTimeField: 'data-testid vigil-config-source-time-field',
};

/** URL of vigil serve (reached by Grafana's server), the API token (kept server-side) and the source events datasource. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const jsonData = options.jsonData ?? {};
  const secure = options.secureJsonFields ?? {};
  const setJson = (key: keyof VigilOptions) => (e: ChangeEvent<HTMLInputElement>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, [key]: e.target.value } });

  return (
    <>
      <InlineField label="URL" labelWidth={22} tooltip="Base URL of vigil serve as Grafana's server reaches it" required>
        <Input
          data-testid={configTestIds.url}
          width={48}
          value={jsonData.url ?? ''}
          placeholder="http://vigil:8080"
          onChange={setJson('url')}
        />
      </InlineField>
      <InlineField label="API token" labelWidth={22} tooltip="Sent as a bearer token by Grafana's data proxy, never to the browser">
        <SecretInput
          data-testid={configTestIds.token}
          width={48}
          isConfigured={Boolean(secure.apiToken)}
          value={options.secureJsonData?.apiToken ?? ''}
          placeholder="token of vigil serve"
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...secure, apiToken: false },
              secureJsonData: { ...options.secureJsonData, apiToken: '' },
            })
          }
          onChange={(e: ChangeEvent<HTMLInputElement>) =>
            onOptionsChange({ ...options, secureJsonData: { ...options.secureJsonData, apiToken: e.target.value } })
          }
        />
      </InlineField>
      <InlineField label="Source events datasource" labelWidth={22} tooltip="UID of the OpenSearch datasource with the analysed events, for record links">
        <Input
          data-testid={configTestIds.sourceUid}
          width={48}
          value={jsonData.sourceDatasourceUid ?? ''}
          placeholder="vigil-source-events"
          onChange={setJson('sourceDatasourceUid')}
        />
      </InlineField>
      <InlineField label="Source time field" labelWidth={22}>
        <Input
          data-testid={configTestIds.sourceTimeField}
          width={48}
          value={jsonData.sourceTimeField ?? ''}
          placeholder="@timestamp"
          onChange={setJson('sourceTimeField')}
        />
      </InlineField>
    </>
  );
}

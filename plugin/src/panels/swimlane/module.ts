import { PanelPlugin } from '@grafana/data';

import { SwimlanePanel } from './components/SwimlanePanel';
import { DEFAULT_SWIMLANE_OPTIONS, type SwimlaneOptions } from './types';

const d = DEFAULT_SWIMLANE_OPTIONS;

export const plugin = new PanelPlugin<SwimlaneOptions>(SwimlanePanel).setPanelOptions((builder) =>
  builder
    .addNumberInput({ path: 'limit', name: 'Lane limit', description: 'Top-N view-by lanes', defaultValue: d.limit, settings: { min: 1, max: 200, integer: true } })
    .addRadio({
      path: 'sortBy',
      name: 'Sort lanes by',
      defaultValue: d.sortBy,
      settings: {
        options: [
          { value: 'max_score', label: 'Max score' },
          { value: 'occurrence', label: 'Occurrence' },
        ],
      },
    })
    .addTextInput({
      path: 'viewBy',
      name: 'View by',
      description: "'auto' (influencers, else entities), 'entity' (entity_key) or an influencer field name",
      defaultValue: d.viewBy,
    })
    .addNumberInput({ path: 'intervalMs', name: 'Cell width (ms)', description: '0 = bucket span', defaultValue: d.intervalMs, settings: { min: 0 } })
    .addBooleanSwitch({ path: 'showOverall', name: 'Overall lane', defaultValue: d.showOverall })
    .addBooleanSwitch({ path: 'showLegend', name: 'Legend', defaultValue: d.showLegend })
    .addTextInput({
      path: 'sourceDatasourceUid',
      name: 'Source events datasource UID',
      description: 'OpenSearch datasource holding the analysed events, for the "Source events" link',
      defaultValue: d.sourceDatasourceUid,
      category: ['Links'],
    })
    .addTextInput({ path: 'sourceTimeField', name: 'Source events time field', defaultValue: d.sourceTimeField, category: ['Links'] })
);

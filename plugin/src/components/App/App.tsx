import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';

import { ROUTES } from '../../constants';

const ExplorerPage = React.lazy(() => import('../../pages/Explorer/ExplorerPage'));
const JobsPage = React.lazy(() => import('../../pages/Jobs/JobsPage'));

function App(_props: AppRootProps) {
  return (
    <Routes>
      <Route path={ROUTES.Jobs} element={<JobsPage />} />
      <Route path="*" element={<ExplorerPage />} />
    </Routes>
  );
}

export default App;

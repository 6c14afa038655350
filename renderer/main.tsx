// SPDX-License-Identifier: Apache-2.0
// Renderer entry: theme first (no flash), then connect to the backend and render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBackend } from './api.js';
import { App } from './app.js';
import { applyStoredTheme } from './theme/use-theme.js';
import './theme/tokens.css';
import './theme/base.css';
import './theme/layout.css';
import './theme/buttons.css';
import './theme/forms.css';
import './theme/code-dialog.css';
import './theme/panels.css';
import './theme/welcome.css';
import './theme/overlay.css';
import './theme/rail-footer.css';
import './theme/checks.css';
import './theme/hardware.css';
import './theme/step-parts.css';
import './theme/site-form.css';
import './theme/site-fields.css';
import './theme/site-yaml.css';
import './theme/review.css';
import './theme/review-files.css';
import './theme/deploy.css';
import './theme/deploy-output.css';
import './theme/deploy-failure.css';
import './theme/deploy-terminal.css';

applyStoredTheme();
const backend = connectBackend();
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App backend={backend} />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { takeAttachLink } from './app/attachLink';
import './ui/theme.css';
import './ui/shell.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

// A link to a served cluster: read once, and its token taken out of the address bar at once.
const attachLink = takeAttachLink();

createRoot(root).render(
  <StrictMode>
    <App attachLink={attachLink} />
  </StrictMode>,
);

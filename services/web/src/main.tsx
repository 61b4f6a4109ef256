import '@oslokommune/punkt-css/dist/css/pkt-base.min.css';
import '@oslokommune/punkt-css/dist/css/pkt-elements.min.css';
import '@oslokommune/punkt-css/dist/css/components/alert.min.css';
import '@oslokommune/punkt-css/dist/css/components/inputwrapper.min.css';
import '@oslokommune/punkt-css/dist/css/components/textinput.min.css';
import '@oslokommune/punkt-css/dist/css/components/tag.min.css';
import '@oslokommune/punkt-css/dist/css/components/messagebox.min.css';
import '@oslokommune/punkt-css/dist/css/components/icon.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

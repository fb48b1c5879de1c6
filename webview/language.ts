// The display language, set before any view builds text: main.ts imports this module first, so
// it runs before the modules that build the page. The extension writes the language into the
// page (body[data-language]); anything that is not a valid one leaves English.
import { parseDisplayLanguage, useDisplayLanguage } from '../src/core/display-language';

function pageLanguage(): unknown {
  try {
    return JSON.parse(document.body?.dataset.language ?? 'null');
  } catch {
    return null;
  }
}

const language = parseDisplayLanguage(pageLanguage());
if (language) useDisplayLanguage(language);

// Start GOV.UK Frontend's components; every page also works without JavaScript. The bare name
// resolves through the import map in base.html to the fingerprinted file.
import { initAll } from "govuk-frontend";

initAll();

// Start GOV.UK Frontend's components; every page also works without JavaScript.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();

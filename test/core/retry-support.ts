import { HttpResponse } from "msw";

export {
  ConnectionError,
  InternalServerError,
  PaymentRequiredError,
  RateLimitError,
} from "../../src/core/errors.js";

export const ServiceUnavailable = () => HttpResponse.json({ detail: "try later" }, { status: 503 });

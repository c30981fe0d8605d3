// Expected failures carry a message fit for the user; anything else is masked as a generic error
// (see lib/actions/action.ts) and logged.
export class AppError extends Error {
  readonly status: number = 400;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidError extends AppError {
  override readonly status = 400;
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  override readonly status = 401;
  constructor(message = "Please sign in again.") {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  override readonly status = 403;
  constructor(message = "You do not have permission to do that.") {
    super(message);
  }
}

export class NotFoundError extends AppError {
  override readonly status = 404;
  constructor(message = "Not found.") {
    super(message);
  }
}

export class ConflictError extends AppError {
  override readonly status = 409;
}

/** The database (or another service a request needs) cannot be reached right now; the request may be retried. */
export class ServiceUnavailableError extends AppError {
  override readonly status = 503;
  constructor(message = "The database is unavailable right now; try again in a moment.") {
    super(message);
  }
}

/** Too many requests for now (an API token over its rate limit); `retryAfterSeconds` says when to come back. */
export class TooManyRequestsError extends AppError {
  override readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

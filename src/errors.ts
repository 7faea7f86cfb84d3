// The one error convention. Every error this project defines extends IstioCanaryError:
// - its `name` is its class name, set once here (never `override name` or `this.name` in a
//   subclass), so logs and stack traces say which error it is;
// - it is exported from the module that throws it, so callers tell errors apart with
//   `instanceof`, never by matching message text;
// - its message names the input or object at fault and what would be accepted; a lower-level
//   failure is kept as `cause`.
export class IstioCanaryError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

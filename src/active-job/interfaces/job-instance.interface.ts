/**
 * What the enqueue and perform layers know of a job object: it performs. `ApplicationJob` is one;
 * the layers below it name this interface instead, so they never import the class that imports them.
 */
export interface JobInstance {
  perform(...args: any[]): unknown;
}

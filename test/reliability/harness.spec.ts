import { watchObjectPrototype } from './support/prototype-probe';

// The reliability suite's own instruments must be able to see what they look for.
describe('reliability harness', () => {
  it('the prototype probe reports a property added to, replaced on or removed from Object.prototype', () => {
    const report = watchObjectPrototype();
    const prototype = Object.prototype as unknown as Record<string, unknown>;
    const originalToString = prototype.toLocaleString;
    expect(report()).toEqual({ changed: [], prototypeOfPrototype: 'null' });
    try {
      prototype.polluted = 'yes';
      prototype.toLocaleString = () => 'replaced';
      expect(report().changed.sort()).toEqual(['polluted', 'toLocaleString']);
    } finally {
      delete prototype.polluted;
      prototype.toLocaleString = originalToString;
    }
    expect(report()).toEqual({ changed: [], prototypeOfPrototype: 'null' });
  });
});

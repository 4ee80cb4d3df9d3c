import { newJobId } from '../../src/active-job/utils/job-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newJobId', () => {
  it('gives random version-4 UUIDs, all distinct, across many refills of its pool', () => {
    const ids = Array.from({ length: 1000 }, () => newJobId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives strings of their own: an id stays the same once its pool is written over', () => {
    const first = newJobId();
    const copy = `${first}`.split('').join('');
    for (let i = 0; i < 300; i++) newJobId();
    expect(first).toBe(copy);
  });

  it('varies every random digit, as randomUUID does', () => {
    const digits = Array.from({ length: 36 }, () => new Set<string>());
    for (let i = 0; i < 500; i++) [...newJobId()].forEach((char, at) => digits[at].add(char));
    const varying = digits.filter((seen) => seen.size > 1).length;
    expect(varying).toBe(36 - 4 - 1); // all but the four dashes and the version digit
  });
});

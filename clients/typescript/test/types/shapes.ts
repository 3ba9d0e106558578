// The shapes fixture's types against values: `sample` is, field for field, the JSON the server
// writes for Everything.Sample, and `minimal` holds only what the server's reader requires. Both
// must compile as Everything; shapes.test.mjs (with this file compiled) then checks that the server
// really writes `sample` and really reads both. The @ts-expect-error lines are what the types refuse.
import type { Everything, Shape, Color, Mood, ShapesClient } from '../fixture/obj/typescript/shapes.js';

export const sample: Everything = {
  text: 'hi',
  maybeText: null,
  count: 7,
  big: 9007199254740991,
  money: 12.5,
  ratio: 0.25,
  flag: true,
  when: '2026-11-30T12:00:00Z',
  at: '2026-11-30T12:00:00+01:00',
  day: '2026-11-30',
  time: '12:30:00',
  span: '01:02:03',
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  link: 'https://example.com/a?b=c',
  version: '1.2.3',
  letter: 'x',
  bytes: 'AQID',
  maybeCount: null,
  mood: 5,
  color: 'dark-blue',
  access: 3,
  maybeMood: 0,
  moodName: 'Angry',
  scores: { a: 1 },
  byColor: { 'dark-blue': 'deep' },
  byMood: { Calm: 'fine' },
  byNumber: { '42': 'answer' },
  tags: ['one', 'two'],
  grid: [[1, 2], [3]],
  shape: { kind: 'circle', radius: 2 },
  shapes: [{ kind: 'circle', radius: 1 }, { kind: 'square', side: 3 }],
  animals: [{ name: 'cat' }, { $type: 'dog', name: 'rex', barks: true }],
  tree: { name: 'root', children: [{ name: 'leaf', children: null }] },
  anything: { any: [1, 'two', null] },
  node: null,
  asString: '42',
  named: 'NaN',
  'first-name': 'Ada',
  optional: 3,
};

/** Only the members the server's reader requires: the optional ones are left out. */
export const minimal: Everything = {
  text: '', maybeText: null, count: 0, big: 0, money: 0, ratio: 0, flag: false,
  when: '2026-01-01T00:00:00Z', at: '2026-01-01T00:00:00+00:00', day: '2026-01-01', time: '00:00:00', span: '00:00:00',
  id: '00000000-0000-0000-0000-000000000000', link: '/', version: '1.0', letter: 'a', bytes: '',
  maybeCount: null, mood: 0, color: 'Red', access: 0, maybeMood: null, moodName: 'Calm',
  scores: {}, byColor: {}, byMood: {}, byNumber: {}, tags: [], grid: [],
  shape: { kind: 'square', side: 1 }, shapes: [], animals: [], tree: { name: 'root', children: null },
  anything: 1, node: null, asString: '0', named: 0, 'first-name': '',
};

export function misuse(client: ShapesClient): void {
  // @ts-expect-error a discriminator the polymorphic type does not have
  const triangle: Shape = { kind: 'triangle', side: 1 };
  // @ts-expect-error a circle's members under the square's discriminator
  const square: Shape = { kind: 'square', radius: 1 };
  // @ts-expect-error an abstract base is never written without its discriminator
  const bare: Shape = { side: 1 };
  // @ts-expect-error a Color is written by its names, as the enum's converter says
  const color: Color = 1;
  // @ts-expect-error a Mood is written as its number, and 1 is none of its values
  const mood: Mood = 1;
  // @ts-expect-error a date is an ISO 8601 string, not a Date
  const when: Everything['when'] = new Date();
  // @ts-expect-error a required member may be null but not absent
  const tree: Everything['tree'] = { name: 'leaf' };
  // @ts-expect-error the dictionary's keys are the enum's names
  const byMood: Everything['byMood'] = { Happy: 'no' };
  // @ts-expect-error get_sample is answered with everything, not echoed
  client.request('get_sample', {}).then((reply) => reply.value);
  console.log(triangle, square, bare, color, mood, when, tree, byMood);
}

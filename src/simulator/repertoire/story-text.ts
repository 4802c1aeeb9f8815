// The sentences of the `long` kind's stories. `{name}`, `{poss}` (her/his), `{place}`/`{town}`, `{object}`/
// `{thing}`, `{friend}`/`{pal}` and `{landmark}` are filled per story (`{Name}`: capitalised); see long-reply.ts.

export const HEROES = [
  { name: 'Mara', poss: 'her' }, { name: 'Tom', poss: 'his' }, { name: 'Ines', poss: 'her' }, { name: 'Ravi', poss: 'his' },
  { name: 'Lena', poss: 'her' }, { name: 'Oskar', poss: 'his' }, { name: 'Amina', poss: 'her' }, { name: 'Jonah', poss: 'his' },
] as const;
export const ROLES = ['young clockmaker', 'lighthouse keeper', 'baker', 'painter', 'schoolteacher', 'sailor who had stopped sailing'];
export const PLACES = [
  { place: 'a lighthouse on a windy cape', town: 'the cape' }, { place: 'a small town at the edge of a forest', town: 'the town' },
  { place: 'a harbour village', town: 'the village' }, { place: 'a mountain inn above the clouds', town: 'the inn' },
  { place: 'an old library by the river', town: 'the library' }, { place: 'a quiet island', town: 'the island' },
];
export const OBJECTS = [
  { object: 'an old brass key', thing: 'the key' }, { object: 'a folded map', thing: 'the map' },
  { object: 'a letter with no name on it', thing: 'the letter' }, { object: 'a music box that played by itself', thing: 'the music box' },
  { object: 'a compass that did not point north', thing: 'the compass' }, { object: 'a notebook full of drawings', thing: 'the notebook' },
];
export const FRIENDS = [
  { friend: 'an old fisherman called Ansel', pal: 'Ansel' }, { friend: 'a curious girl called Pia', pal: 'Pia' },
  { friend: 'the baker, Mrs Okafor', pal: 'Mrs Okafor' }, { friend: 'a retired sailor called Bram', pal: 'Bram' },
];
export const LANDMARKS = ['old mill', 'stone bridge', 'crossroads', 'ruined chapel', 'dry well', 'harbour wall', 'watchtower', 'orchard'];

export const STORY_OPENINGS: readonly (readonly string[])[] = [
  ['Once upon a time, in {place}, there lived a {role} called {name}.', 'There was once a {role} named {name} who lived in {place}.', 'In {place}, everyone knew {name}, the {role}.'],
  ['{Poss} days were quiet, and {name} liked them that way.', 'Every day looked much like the one before, and {name} did not mind.', 'Nothing much ever happened there, or so {name} believed.'],
  ["{Poss} closest friend was {friend}, who had an opinion about everything.", '{Name} spent most evenings with {friend}, talking about nothing in particular.'],
  ['Then, one grey morning, {name} found {object}.', 'That changed on the day {name} found {object} under a loose floorboard.', 'Everything changed when {object} turned up on the doorstep.'],
];

/** The first sentence of every paragraph after the first. */
export const STORY_TRANSITIONS = [
  'The next morning came grey and quiet.', 'Later that day, the weather turned.', 'That evening, {town} was unusually still.',
  'A few days went by.', 'Before long, things began to change.', 'At first light, they set out again.', 'By noon, the fog had lifted.',
  'When the rain finally stopped, they went outside.', 'Some hours passed.', 'That night, {name} could not sleep.',
  'The following week brought strong winds.', 'Nobody said much at breakfast.',
];

export const STORY_MIDDLE = [
  '{Name} turned {thing} over in {poss} hands, looking for anything that might explain it.',
  '{Pal} listened carefully, then said that some things are better understood by walking than by thinking.',
  'The path led past the {landmark}, where the air smelled of salt and old rain.',
  'Nobody in {town} remembered seeing {thing} before, which was strange in a place where everyone remembered everything.',
  '{Name} wrote down every detail in a small notebook, just in case.',
  'For a while nothing happened, and {name} began to wonder if it had all been imagined.',
  'Then a faint sound came from somewhere below, like a door closing very far away.',
  '{Pal} laughed, but it was the nervous kind of laugh.',
  'They followed the old road until the houses thinned out and the trees grew taller.',
  'At the {landmark}, {name} stopped and listened.',
  'The wind picked up, carrying voices that seemed to come from nowhere in particular.',
  'It was {pal} who found the next clue, half hidden under a flat stone.',
  '{Name} felt both afraid and strangely happy, as if something long forgotten was coming back.',
  'They argued about what to do next, then agreed, as they always did, to keep going.',
  'The light was fading fast, and the shadows of the trees stretched across the path.',
  'Somewhere a bell rang three times, although there was no church for miles.',
  '{Name} remembered a story {poss} grandmother used to tell about {town}, and suddenly it made sense.',
  'Every answer seemed to lead to another question, but each one was a little smaller than the last.',
  'They rested for a while, sharing bread and talking about everything except what they had seen.',
  'When {name} held {thing} up to the light, a pattern appeared that had not been there before.',
  '{Pal} pointed out that the marks matched the old stones near the {landmark}.',
  'A stranger passed them on the road, nodded, and said nothing at all.',
  'By the time they reached the {landmark}, the sky had turned the colour of pewter.',
  'The closer they came, the quieter the world seemed to grow.',
  'An old door stood at the end of the lane, its paint long gone.',
  '{Name} knocked twice, waited, and knocked again.',
  'Inside, the room smelled of dust, candle wax and something sweet.',
  'On the table lay a drawing of {town}, made long before any of them were born.',
  '{Pal} whispered that they should go home, but did not move.',
  'For the first time in years, {name} did not know what would happen next, and found that {poss} heart was racing.',
];

export const STORY_ENDINGS = [
  'In the end, {name} understood that {thing} had never been the point.',
  'What mattered was the road, and the people met along the way.',
  '{Name} went back to {town} a little older and a great deal wiser.',
  'And on quiet evenings, when the wind was just right, {name} would tell {pal} that it had been the best adventure of all.',
];

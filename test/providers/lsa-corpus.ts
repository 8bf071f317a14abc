/**
 * A small synthetic corpus with three topics (sailing, baking, astronomy). Within a topic, pairs of
 * synonyms co-occur (ship/vessel, bread/loaf, telescope/observatory), and some texts use only one of a
 * pair, so a good latent space links a query word to texts that never contain it.
 * Shared filler words appear in every topic and carry no topic signal.
 */
const TOPICS: Record<string, string[]> = {
  sailing: ['ship vessel', 'harbour', 'captain', 'crew', 'anchor', 'sail', 'tide', 'wave', 'deck', 'mast'],
  baking: ['bread loaf', 'oven', 'flour', 'dough', 'knead', 'butter', 'yeast', 'crust', 'baker', 'sugar'],
  astronomy: ['telescope observatory', 'star', 'planet', 'orbit', 'galaxy', 'comet', 'nebula', 'astronomer', 'eclipse', 'moon'],
};
const FILLER = ['people', 'morning', 'often', 'describe', 'story', 'village', 'recently', 'family'];

export interface TopicText {
  topic: string;
  text: string;
}

/** 30 texts, 10 per topic, deterministic; texts 7 and 8 of each topic use one word of the synonym pair. */
export function syntheticCorpus(): TopicText[] {
  const out: TopicText[] = [];
  for (const [topic, words] of Object.entries(TOPICS)) {
    for (let i = 0; i < 10; i++) {
      // Texts 7 and 8 keep only the first word of the synonym pair ("ship", not "ship vessel").
      const picked = [0, 1, 2, 3, 4].map((j) => words[(i + j * 3) % words.length]!).map((w) => (i >= 7 ? w.split(' ')[0]! : w));
      const filler = [FILLER[i % FILLER.length]!, FILLER[(i * 3 + 1) % FILLER.length]!];
      out.push({ topic, text: `The ${picked.join(' and the ')}; ${filler.join(' ')}.` });
    }
  }
  return out;
}

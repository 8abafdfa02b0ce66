/**
 * The image datasets zoos and learned inits are made from. Both are MNIST-format files under public/ (28×28 grey,
 * 10 classes, images grouped by class: data/mnistFile.ts), built by scripts/build-mnist.mjs.
 */
export type ImageDataset = 'mnist' | 'fmnist';
export const IMAGE_DATASETS: readonly ImageDataset[] = ['mnist', 'fmnist'];

export interface ImageDatasetInfo {
  label: string;
  /** the file, relative to the app's base URL (and to public/) */
  file: string;
  /** each class's name, by label */
  classNames: readonly string[];
  /**
   * Of each class's images (file order), the share learned inits may train on; the rest are held out. Fashion-MNIST's
   * file holds each class's 6,000 training-set images before its 1,000 test-set images, so its held-out part is
   * exactly its official test set.
   */
  metaTrainShare: number;
}

export const DATASET_INFO: Record<ImageDataset, ImageDatasetInfo> = {
  mnist: {
    label: 'MNIST',
    file: 'mnist/mnist-10k.bin',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    metaTrainShare: 0.7,
  },
  fmnist: {
    label: 'Fashion-MNIST',
    file: 'fmnist/fmnist-70k.bin',
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    metaTrainShare: 6 / 7,
  },
};

/**
 * The datasets this build of the page offers: Fashion-MNIST only where `npm run data` found it before the build
 * (vite.config.ts sets VITE_FMNIST), MNIST always.
 */
export const PAGE_DATASETS: readonly ImageDataset[] = import.meta.env?.VITE_FMNIST === '1' ? IMAGE_DATASETS : ['mnist'];

export const isImageDataset = (name: string): name is ImageDataset => (IMAGE_DATASETS as string[]).includes(name);

/** How to get Fashion-MNIST where it is missing (README says the same). */
export const FMNIST_HOW =
  "install Debian's dataset-fashion-mnist (apt install dataset-fashion-mnist), then run `npm run data` and rebuild";

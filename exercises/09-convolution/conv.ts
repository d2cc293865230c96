// Topic 09: convolution (捲積) and pooling, as Keras and TensorFlow do them. Read README.md in this
// folder first. Replace each `throw` with your code; `npm test -- 09` checks your work.

/** An image or a stack of feature maps: height × width × channels (HWC). */
export type Image = number[][][]
/** Conv kernels in TensorFlow's layout: kh × kw × input channels × output channels (filters). */
export type Kernel = number[][][][]
/** 'valid': no padding, the window stays inside the image; 'same': zero-pad so that out = ⌈n/stride⌉. */
export type Padding = 'valid' | 'same'
/** One stride for both directions, or [vertical, horizontal]. */
export type Stride = number | [number, number]

export interface ConvOptions {
  stride: Stride
  padding: Padding
}
export interface PoolOptions {
  /** Window size, e.g. 2 for 2 × 2 (Keras's pool_size). */
  size: number | [number, number]
  stride: Stride
  padding: Padding
}

/**
 * The output length along one axis for an input of n, a kernel (or window) of k and a stride.
 * Under 'valid' a kernel larger than the input throws a RangeError.
 */
export function outputSize(n: number, k: number, stride: number, padding: Padding): number {
  throw new Error('not implemented: outputSize(n, k, stride, padding)')
}

/**
 * A Conv2D layer before its activation: each filter f slides over the image (by the stride) and
 * at each position takes the inner product of the window with kernel[…][…][…][f], plus bias[f].
 * Returns outH × outW × filters. Like Keras, do not flip the kernel.
 */
export function conv2d(input: Image, kernel: Kernel, bias: number[], options: ConvOptions): Image {
  throw new Error('not implemented: conv2d(input, kernel, bias, options)')
}

/** The largest value in each window, channel by channel. */
export function maxPool2d(input: Image, options: PoolOptions): Image {
  throw new Error('not implemented: maxPool2d(input, options)')
}

/** The mean of each window, channel by channel (with 'same' padding: of the cells inside the image). */
export function avgPool2d(input: Image, options: PoolOptions): Image {
  throw new Error('not implemented: avgPool2d(input, options)')
}

/** All the values of an HWC image in one list, in the order tf.layers.flatten uses. */
export function flatten(input: Image): number[] {
  throw new Error('not implemented: flatten(input)')
}


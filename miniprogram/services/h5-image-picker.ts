/**
 * H5 only, loaded by media.ts on first use: Taro's H5 image chooser brings device-detection
 * libraries (platform, is-mobile) and its image viewer brings swiper, ~46 KB compressed together,
 * which no first screen needs (issue 15: home and an activity's page carried them only because
 * they show images). Never imported statically.
 */
import Taro from '@tarojs/taro';

export const chooseImage = (o: Taro.chooseImage.Option) => Taro.chooseImage(o);
export const previewImage = (o: Taro.previewImage.Option) => Taro.previewImage(o);

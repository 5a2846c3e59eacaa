// babel-preset-taro compiles the Taro app (miniprogram/ and the shared/ code it imports).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};

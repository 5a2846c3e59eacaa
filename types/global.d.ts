/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
    /** Mini-program appid, rewritten into dist/weapp/project.config.json. */
    TARO_APP_ID?: string;
    /** Absolute API base for the mini-program; empty on H5 (same origin). */
    TARO_APP_API_BASE?: string;
  }
}

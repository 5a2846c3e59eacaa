/** Saves the 导出我的数据 JSON: a real download on H5, a shared file in the mini-program. */
import Taro from '@tarojs/taro';
import { isH5 } from './nav';
import { toJsonText } from './export-name';

export { exportFileName, toJsonText } from './export-name';

function downloadInBrowser(fileName: string, text: string): void {
  const blob = new Blob([text], { type: 'application/json;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Returns a short Chinese description of where the file went. */
export async function saveExport(fileName: string, data: unknown): Promise<string> {
  const text = toJsonText(data);
  if (isH5) {
    downloadInBrowser(fileName, text);
    return `已开始下载 ${fileName}`;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
  try {
    await Taro.shareFileMessage({ filePath, fileName });
    return `已导出 ${fileName}`;
  } catch {
    // Share cancelled or unavailable (e.g. PC WeChat): the file still exists locally.
    return `已保存到本机：${fileName}`;
  }
}

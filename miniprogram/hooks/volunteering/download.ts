import Taro from '@tarojs/taro';
import { authHeader } from '../../services/session';
import { ApiError } from '../../services/request';

/**
 * Downloads a file the API serves only to the signed-in user (certificate PDF,
 * CSV export). H5: fetch with the bearer token, then a real browser download.
 * weapp: Taro.downloadFile with the header, then open (PDF) or share the file.
 */
export async function downloadAuthed(url: string, fileName: string, kind: 'pdf' | 'csv'): Promise<string> {
  const header = authHeader();
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: header });
    if (!res.ok) {
      let message = `下载失败（${res.status}）`;
      try {
        const body = (await res.json()) as { error?: { code?: string; message?: string } };
        if (body.error?.message) message = body.error.message;
      } catch {
        // not JSON: keep the status message
      }
      throw new ApiError(res.status, 'download_failed', message);
    }
    const blob = await res.blob();
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = fileName;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 30_000);
    return `已开始下载 ${fileName}`;
  }
  const r = await Taro.downloadFile({ url, header });
  if (r.statusCode !== 200) throw new ApiError(r.statusCode, 'download_failed', `下载失败（${r.statusCode}）`);
  if (kind === 'pdf') {
    await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf', showMenu: true });
    return '已打开证明文件，可通过右上角菜单保存或转发';
  }
  await Taro.shareFileMessage({ filePath: r.tempFilePath, fileName });
  return `已导出 ${fileName}`;
}

import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { isH5 } from '../../services/nav';

const MAX_BYTES = 200_000;
const TOO_BIG = 'CSV 文件不能超过 200 KB';

/** H5: the browser's own file dialog (an <input type="file"> made on demand, so no DOM in the page). */
function pickInBrowser(): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,text/csv';
    input.id = 'places-csv-file-input';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      if (file.size > MAX_BYTES) return reject(new Error(TOO_BIG));
      file.text().then(resolve, () => reject(new Error('无法读取该文件')));
    };
    document.body.appendChild(input);
    input.click();
  });
}

/** weapp: a file from a chat (the only place a phone keeps CSV files WeChat can reach). */
async function pickInWeapp(): Promise<string | null> {
  const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] }).catch(() => null);
  const file = r?.tempFiles[0];
  if (!file) return null;
  if (file.size > MAX_BYTES) throw new Error(TOO_BIG);
  return Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string;
}

/** 选择 CSV 文件: fills the paste box with the file's text (a leading BOM from Excel is dropped). */
export function CsvFilePicker({ onText, onError }: { onText: (text: string) => void; onError: (message: string) => void }) {
  const pick = async () => {
    try {
      const text = await (isH5 ? pickInBrowser() : pickInWeapp());
      if (text !== null) onText(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <Button id="places-csv-file" className="btn btn--plain" onClick={() => void pick()}>
      选择 CSV 文件
    </Button>
  );
}

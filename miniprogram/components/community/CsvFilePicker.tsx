import { Button } from '@tarojs/components';
import { chooseTextFile } from '../../services/media';

const MAX_BYTES = 200_000;
const TOO_BIG = 'CSV 文件不能超过 200 KB';

/** 选择 CSV 文件: fills the paste box with the file's text (a leading BOM from Excel is dropped). */
export function CsvFilePicker({ onText, onError }: { onText: (text: string) => void; onError: (message: string) => void }) {
  const pick = async () => {
    try {
      const text = await chooseTextFile(['csv'], MAX_BYTES, TOO_BIG);
      if (text !== null) onText(text);
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

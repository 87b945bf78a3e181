/**
 * Every visible string of the hall board, Vietnamese first and English second (the
 * board shows both: visitors from anywhere read it, DOMAIN.md "Non-territorial reception").
 */
import { messages } from "../../ui/i18n.ts";

export const t = messages({
  nowCalling: { vi: "Xin mời", en: "Now calling" },
  recent: { vi: "Số đã gọi", en: "Recently called" },
  waiting: { vi: "Số người đang chờ", en: "People waiting" },
  counter: { vi: "Quầy", en: "Counter" },
  counterN: { vi: "Quầy {n}", en: "Counter {n}" },
  priority: { vi: "Ưu tiên", en: "Priority" },
  recall: { vi: "Gọi lại", en: "Recall" },
  noCalls: { vi: "Chưa có số nào được gọi", en: "No number called yet" },
  offline: { vi: "Mất kết nối", en: "Offline" },
  offlineSince: { vi: "từ {time}", en: "since {time}" },
  loading: { vi: "Đang kết nối tới hệ thống…", en: "Connecting to the hall…" },
  soundBlocked: { vi: "Bấm vào màn hình để bật âm thanh", en: "Tap the screen to turn sound on" },
  settings: { vi: "Cài đặt âm thanh", en: "Sound settings" },
  soundOn: { vi: "Đọc số bằng giọng nói", en: "Announce calls aloud" },
  volume: { vi: "Âm lượng", en: "Volume" },
  voice: { vi: "Giọng đọc", en: "Voice" },
  voiceAuto: { vi: "Tự động", en: "Automatic" },
  voiceSpeech: { vi: "Giọng của trình duyệt", en: "Browser voice" },
  voiceClips: { vi: "Tệp âm thanh", en: "Audio clips" },
  inUse: { vi: "Đang dùng: {v}", en: "In use: {v}" },
  inUseRecorded: { vi: "bản ghi âm của trung tâm", en: "the hall's recordings" },
  inUseSpeech: { vi: "giọng tiếng Việt của trình duyệt", en: "the browser's Vietnamese voice" },
  inUseEspeak: { vi: "giọng tổng hợp espeak-ng", en: "the espeak-ng synthetic voice" },
  inUseNone: { vi: "không có giọng đọc", en: "no voice available" },
  test: { vi: "Thử đọc", en: "Test" },
  close: { vi: "Đóng", en: "Close" },
});

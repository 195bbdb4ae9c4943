export {default, ErrorLine, Hint, Loading, StatusNotice, TextButton, noticeStyle} from './todo_notices';

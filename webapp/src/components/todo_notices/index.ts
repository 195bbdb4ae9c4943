export {default, ErrorLine, Hint, Loading, StatusNotice, noticeStyle} from './todo_notices';

export {default, ErrorLine, Hint, Loading, LoadingMore, StatusNotice, TextButton, noticeStyle} from './todo_notices';

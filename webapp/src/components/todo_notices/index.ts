export {default, Loading, noticeStyle} from './todo_notices';

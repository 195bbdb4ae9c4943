export {default} from './assignee_picker';

export {default} from './edit_buttons';
export {EditForm} from './edit_buttons';

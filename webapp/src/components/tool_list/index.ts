export {default} from './tool_list';
